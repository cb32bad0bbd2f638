package dev.winnow.train;

import java.util.Map;

/**
 * How the C library's allocator treats the PyTorch engine's native memory. With glibc's defaults, a freed
 * block of 128 KiB or more (every activation and gradient of a batch) goes back to the kernel, so each training
 * step faults its tensors' pages in afresh: measured with {@code OpBench}, a plain DJL step of the zoo's CNN
 * (batch 128) took about 6,000 minor page faults, a plain PyTorch step about 3,000, and on a virtual machine
 * those faults cost more CPU than the step's arithmetic (138 ms vs 27 ms of CPU per step). With
 * {@code MALLOC_MMAP_THRESHOLD_=33554432} (blocks under 32 MiB come from the heap) and
 * {@code MALLOC_TRIM_THRESHOLD_=17179869184} (freed heap memory stays in the process) each step reuses the
 * last one's memory: under 20 faults per step. These are environment variables read when the process starts, so
 * the {@code ./winnow} launcher sets them (unless the caller has); a JVM started otherwise should set them too.
 */
public final class NativeMemory {
    /** The variables and the values the launcher gives them. */
    public static final Map<String, String> SETTINGS = Map.of(
            "MALLOC_MMAP_THRESHOLD_", "33554432",
            "MALLOC_TRIM_THRESHOLD_", "17179869184");

    private NativeMemory() {
    }

    /** True when this process was started with both variables set (to any value: the caller's choice). */
    public static boolean tuned() {
        return tuned(System.getenv());
    }

    static boolean tuned(Map<String, String> env) {
        return SETTINGS.keySet().stream().allMatch(k -> env.get(k) != null && !env.get(k).isBlank());
    }

    /** One line saying how native memory is handled in this process, for benchmark reports. */
    public static String describe() {
        return describe(System.getenv());
    }

    static String describe(Map<String, String> env) {
        if (tuned(env)) {
            return "native memory: freed blocks kept in the process (MALLOC_MMAP_THRESHOLD_=" + env.get("MALLOC_MMAP_THRESHOLD_")
                    + ", MALLOC_TRIM_THRESHOLD_=" + env.get("MALLOC_TRIM_THRESHOLD_") + ")";
        }
        StringBuilder b = new StringBuilder("native memory: glibc defaults (freed blocks go back to the kernel; every step"
                + " faults its pages in again); start the JVM with");
        SETTINGS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append(' ').append(e.getKey()).append('=').append(e.getValue()));
        return b.append(", as ./winnow does").toString();
    }
}
