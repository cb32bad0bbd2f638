package dev.winnow.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which kernels Intel MKL runs in this process. DJL's PyTorch build links MKL statically and does its
 * single-precision matrix products there (linear layers and their gradients). On a CPU that is not Intel's,
 * MKL runs generic kernels whatever the CPU's instruction set: it asks {@code mkl_serv_intel_cpu_true()} and
 * the answer is no. That function is exported from {@code libtorch_cpu.so} and called through its procedure
 * linkage table, so a preloaded library that defines it answers instead, and MKL picks its kernels from the
 * CPU's feature bits as it does on Intel's CPUs ({@code src/main/native/mkl_intel_cpu.c}, one function).
 *
 * <p>Measured on this project's AMD EPYC (OpBench, batch 128, one thread, median of rounds): linear
 * 784→256 forward 0.65 → 0.33 ms, linear 1568→128 forward + backward 2.1–2.7 → 0.96 ms, a plain DJL step of
 * the MLP 2.4–3.0 → 1.4–1.5 ms. The {@code ./winnow} launcher builds the library with {@code cc} on AMD CPUs
 * and preloads it ({@code WINNOW_MKL_SHIM=off} turns that off); a JVM started otherwise can do the same with
 * {@code LD_PRELOAD}. Results change only as a different summation order changes them.
 */
public final class MklDispatch {
    /** The file name of the preloaded library, as the launcher builds it. */
    public static final String LIBRARY = "libwinnow_mkl_intel_cpu.so";

    private static final Pattern VENDOR = Pattern.compile("(?m)^vendor_id\\s*:\\s*(\\S+)");

    private MklDispatch() {
    }

    /** The CPU's vendor string from {@code /proc/cpuinfo} ({@code GenuineIntel}, {@code AuthenticAMD}, …), or
     * {@code ""} where it cannot be read. */
    public static String vendor() {
        return vendor(read(Path.of("/proc/cpuinfo")));
    }

    static String vendor(String cpuinfo) {
        Matcher m = VENDOR.matcher(cpuinfo);
        return m.find() ? m.group(1) : "";
    }

    /** True when the library is mapped into this process. */
    public static boolean shimLoaded() {
        return shimLoaded(read(Path.of("/proc/self/maps")));
    }

    static boolean shimLoaded(String maps) {
        return maps.lines().anyMatch(l -> l.endsWith("/" + LIBRARY));
    }

    /** One line saying which MKL kernels this process runs, for benchmark reports. */
    public static String describe() {
        return describe(vendor(), shimLoaded());
    }

    static String describe(String vendor, boolean loaded) {
        String cpu = vendor.isEmpty() ? "this CPU" : "this " + vendor + " CPU";
        if (loaded) {
            return "MKL: the kernels " + cpu + "'s features allow (" + LIBRARY + " preloaded)";
        }
        if (vendor.equals("GenuineIntel")) {
            return "MKL: its own dispatch (Intel CPU)";
        }
        return "MKL: generic kernels on " + cpu + " (its matrix products about half as fast); ./winnow preloads " + LIBRARY
                + " where a C compiler (cc) is found";
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
