package dev.winnow.train;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeMemoryTest {
    @Test
    void tunedOnlyWhenBothVariablesAreSet() {
        assertTrue(NativeMemory.tuned(NativeMemory.SETTINGS));
        assertFalse(NativeMemory.tuned(Map.of()));
        assertFalse(NativeMemory.tuned(Map.of("MALLOC_TRIM_THRESHOLD_", "1")));
        assertFalse(NativeMemory.tuned(Map.of("MALLOC_TRIM_THRESHOLD_", "1", "MALLOC_MMAP_THRESHOLD_", " ")));
        assertTrue(NativeMemory.tuned(Map.of("MALLOC_TRIM_THRESHOLD_", "1", "MALLOC_MMAP_THRESHOLD_", "2")));
    }

    @Test
    void describesTheCallersValuesOrTheFix() {
        assertEquals("native memory: freed blocks kept in the process (MALLOC_MMAP_THRESHOLD_=2, MALLOC_TRIM_THRESHOLD_=1)",
                NativeMemory.describe(Map.of("MALLOC_TRIM_THRESHOLD_", "1", "MALLOC_MMAP_THRESHOLD_", "2")));
        assertEquals("native memory: glibc defaults (freed blocks go back to the kernel; every step faults its pages in again);"
                + " start the JVM with MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184, as ./winnow does",
                NativeMemory.describe(Map.of()));
    }
}
