package dev.winnow.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchTest {
    @Test
    void medianOfOddEvenAndEmptyCounts() {
        assertThat(Bench.median(new double[] {5, 1, 3})).isEqualTo(3.0);
        assertThat(Bench.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5); // (2 + 3) / 2
        assertThat(Bench.median(new double[] {7})).isEqualTo(7.0);
        assertThat(Bench.median(new double[0])).isNaN();
    }

    @Test
    void medianLeavesItsInputAlone() {
        double[] v = {3, 1, 2};
        Bench.median(v);
        assertThat(v).containsExactly(3, 1, 2);
    }

    @Test
    void tempDirIsANewEmptyFolder() throws Exception {
        Path a = Bench.tempDir();
        Path b = Bench.tempDir();
        try {
            assertThat(a).isDirectory().isNotEqualTo(b);
            try (var s = Files.list(a)) {
                assertThat(s).isEmpty();
            }
        } finally {
            Files.delete(a);
            Files.delete(b);
        }
    }
}
