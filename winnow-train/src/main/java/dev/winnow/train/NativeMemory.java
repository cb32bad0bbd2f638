package dev.winnow.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the C library's allocator treats the PyTorch engine's native memory. With glibc's defaults, a freed
 * block of 128 KiB or more (every activation and gradient of a batch) goes back to the kernel, so each training
 * step faults its tensors' pages in afresh: measured with {@code OpBench}, a plain DJL step of the zoo's CNN
 * (batch 128) took about 6,000 minor page faults, a plain PyTorch step about 3,000, and on a virtual machine
 * those faults cost more CPU than the step's arithmetic (138 ms vs 27 ms of CPU per step). Three variables fix it:
 * <ul>
 *   <li>{@code MALLOC_MMAP_THRESHOLD_=33554432}: blocks under 32 MiB come from the heap, not from their own
 *       mapping;</li>
 *   <li>{@code MALLOC_TRIM_THRESHOLD_=17179869184}: freed heap memory stays in the process;</li>
 *   <li>{@code MALLOC_ARENA_MAX=1}: one arena. Every Java thread, {@code main} included, is a thread other than
 *       the process's first, and glibc gives such threads arenas of their own, made of 64 MiB heaps; a heap that
 *       empties is unmapped whatever the trim threshold, so the faults came back: {@code winnow train} (CNN, 2
 *       epochs on 12,000 images) took 0.29 to 1.69 million faults and 13.2 to 33.6 s, varying from run to run;
 *       with one arena, 0.19–0.21 million (most of them the JVM's own) and 11.4–11.7 s in every run.</li>
 * </ul>
 * With all three each step reuses the last one's memory: under 20 faults per step. These are environment
 * variables read when the process starts, so the {@code ./winnow} launcher sets them (unless the caller has);
 * a JVM started otherwise should set them too.
 */
public final class NativeMemory {
    /** The variables and the values the launcher gives them, in the order the launcher sets them. */
    public static final Map<String, String> SETTINGS = settings();

    private NativeMemory() {
    }

    private static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("MALLOC_MMAP_THRESHOLD_", "33554432");
        m.put("MALLOC_TRIM_THRESHOLD_", "17179869184");
        m.put("MALLOC_ARENA_MAX", "1");
        return Collections.unmodifiableMap(m);
    }

    /** True when this process was started with all the variables set (to any value: the caller's choice). */
    public static boolean tuned() {
        return tuned(System.getenv());
    }

    static boolean tuned(Map<String, String> env) {
        return missing(env).isEmpty();
    }

    private static List<String> missing(Map<String, String> env) {
        return SETTINGS.keySet().stream().filter(k -> env.get(k) == null || env.get(k).isBlank()).toList();
    }

    /** One line saying how native memory is handled in this process, for benchmark reports. */
    public static String describe() {
        return describe(System.getenv());
    }

    static String describe(Map<String, String> env) {
        StringBuilder b = new StringBuilder();
        List<String> missing = missing(env);
        if (missing.isEmpty()) {
            b.append("native memory: freed blocks kept in the process, one arena (");
        } else if (missing.size() == SETTINGS.size()) {
            return b.append("native memory: glibc defaults (freed blocks go back to the kernel; every step faults its pages in"
                    + " again); start the JVM with ").append(assignments(SETTINGS)).append(", as ./winnow does").toString();
        } else {
            b.append("native memory: partly tuned (");
        }
        Map<String, String> set = new LinkedHashMap<>();
        SETTINGS.keySet().stream().filter(k -> !missing.contains(k)).forEach(k -> set.put(k, env.get(k)));
        b.append(String.join(", ", assignments(set).split(" "))).append(')');
        if (!missing.isEmpty()) {
            Map<String, String> rest = new LinkedHashMap<>();
            missing.forEach(k -> rest.put(k, SETTINGS.get(k)));
            b.append("; not set: ").append(assignments(rest)).append(", as ./winnow sets it");
        }
        return b.toString();
    }

    private static String assignments(Map<String, String> vars) {
        StringBuilder b = new StringBuilder();
        vars.forEach((k, v) -> b.append(b.length() > 0 ? " " : "").append(k).append('=').append(v));
        return b.toString();
    }
}
