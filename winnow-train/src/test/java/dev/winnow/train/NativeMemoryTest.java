package dev.winnow.train;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeMemoryTest {
    @Test
    void tunedOnlyWhenEveryVariableIsSet() {
        assertTrue(NativeMemory.tuned(NativeMemory.SETTINGS));
        assertFalse(NativeMemory.tuned(Map.of()));
        assertFalse(NativeMemory.tuned(Map.of("MALLOC_TRIM_THRESHOLD_", "1")));
        assertFalse(NativeMemory.tuned(Map.of("MALLOC_TRIM_THRESHOLD_", "1", "MALLOC_MMAP_THRESHOLD_", "2")));
        assertFalse(NativeMemory.tuned(Map.of("MALLOC_TRIM_THRESHOLD_", "1", "MALLOC_MMAP_THRESHOLD_", "2", "MALLOC_ARENA_MAX", " ")));
        assertTrue(NativeMemory.tuned(Map.of("MALLOC_TRIM_THRESHOLD_", "1", "MALLOC_MMAP_THRESHOLD_", "2", "MALLOC_ARENA_MAX", "4")));
    }

    @Test
    void theLauncherSetsTheSameValues() throws java.io.IOException {
        String launcher = java.nio.file.Files.readString(java.nio.file.Path.of("../winnow"));
        NativeMemory.SETTINGS.forEach((k, v) -> assertTrue(launcher.contains("export " + k + "=\"${" + k + ":-" + v + "}\""), k));
    }

    @Test
    void describesTheCallersValuesWhatIsMissingOrTheFix() {
        assertEquals("native memory: freed blocks kept in the process, one arena (MALLOC_MMAP_THRESHOLD_=2, MALLOC_TRIM_THRESHOLD_=1,"
                        + " MALLOC_ARENA_MAX=4)",
                NativeMemory.describe(Map.of("MALLOC_TRIM_THRESHOLD_", "1", "MALLOC_MMAP_THRESHOLD_", "2", "MALLOC_ARENA_MAX", "4")));
        assertEquals("native memory: partly tuned (MALLOC_MMAP_THRESHOLD_=2, MALLOC_TRIM_THRESHOLD_=1); not set: MALLOC_ARENA_MAX=1,"
                        + " as ./winnow sets it",
                NativeMemory.describe(Map.of("MALLOC_TRIM_THRESHOLD_", "1", "MALLOC_MMAP_THRESHOLD_", "2")));
        assertEquals("native memory: glibc defaults (freed blocks go back to the kernel; every step faults its pages in again);"
                + " start the JVM with MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 MALLOC_ARENA_MAX=1,"
                + " as ./winnow does", NativeMemory.describe(Map.of()));
    }
}
