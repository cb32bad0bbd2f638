package dev.winnow.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MklDispatchTest {
    @Test
    void readsTheVendorFromCpuinfo() {
        String amd = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\nprocessor\t: 1\nvendor_id\t: AuthenticAMD\n";
        assertEquals("AuthenticAMD", MklDispatch.vendor(amd));
        assertEquals("GenuineIntel", MklDispatch.vendor("vendor_id : GenuineIntel\n"));
        assertEquals("", MklDispatch.vendor("processor : 0\nmodel name : ARMv8\n"));
        assertEquals("", MklDispatch.vendor(""));
    }

    @Test
    void findsTheLibraryInTheMapsByItsFileNameOnly() {
        String maps = "7f00-7f01 r-xp 00000000 08:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
                + "7f02-7f03 r-xp 00000000 08:01 99 /opt/winnow/winnow-train/target/native/libwinnow_mkl_intel_cpu.so\n";
        assertTrue(MklDispatch.shimLoaded(maps));
        assertFalse(MklDispatch.shimLoaded("7f00-7f01 r-xp 00000000 08:01 1234 /usr/lib/libc.so.6\n"));
        assertFalse(MklDispatch.shimLoaded("7f02-7f03 r-xp 0 08:01 99 /tmp/libwinnow_mkl_intel_cpu.so.old\n"));
    }

    @Test
    void describesWhichKernelsRun() {
        assertEquals("MKL: the kernels this AuthenticAMD CPU's features allow (libwinnow_mkl_intel_cpu.so preloaded)",
                MklDispatch.describe("AuthenticAMD", true));
        assertEquals("MKL: its own dispatch (Intel CPU)", MklDispatch.describe("GenuineIntel", false));
        assertEquals("MKL: generic kernels on this AuthenticAMD CPU (its matrix products about half as fast); ./winnow"
                + " preloads libwinnow_mkl_intel_cpu.so where a C compiler (cc) is found", MklDispatch.describe("AuthenticAMD", false));
    }

    /** Builds the library from its source as the launcher does, and runs the same product in two child JVMs, one
     * with the library preloaded: the child sees it mapped, and the products agree to float rounding. */
    @Test
    void thePreloadedLibraryKeepsTheProducts(@TempDir Path tmp) throws Exception {
        Path src = Path.of("src/main/native/mkl_intel_cpu.c");
        assertTrue(Files.isRegularFile(src), "the library's source is where the launcher looks for it");
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "x86-64 Linux only");
        Path lib = tmp.resolve(MklDispatch.LIBRARY);
        assumeTrue(run(List.of("cc", "--version"), null, tmp.resolve("cc.txt")) == 0, "no C compiler (cc)");
        assertEquals(0, run(List.of("cc", "-O2", "-shared", "-fPIC", "-o", lib.toString(), src.toString()), null,
                tmp.resolve("build.txt")), () -> read(tmp.resolve("build.txt")));

        float[] plain = probe(tmp, "plain", null);
        float[] preloaded = probe(tmp, "preloaded", lib);
        assertEquals(plain.length, preloaded.length);
        double scale = 0;
        for (float v : plain) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 1, "the product is not trivial");
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i], preloaded[i], 1e-5 * scale, "entry " + i);
        }
    }

    private static float[] probe(Path tmp, String name, Path preload) throws IOException, InterruptedException {
        Path out = tmp.resolve(name + ".bin");
        Path log = tmp.resolve(name + ".txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), MklProbe.class.getName(), out.toString()));
        assertEquals(0, run(cmd, preload, log), () -> read(log));
        assertTrue(read(log).contains("loaded " + (preload != null)), () -> read(log));
        float[] v = new float[128 * 256];
        try (DataInputStream in = new DataInputStream(Files.newInputStream(out))) {
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readFloat();
            }
        }
        return v;
    }

    private static int run(List<String> cmd, Path preload, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("LD_PRELOAD");
        if (preload != null) {
            pb.environment().put("LD_PRELOAD", preload.toString());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return -1;
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -2;
        }
        return p.exitValue();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
