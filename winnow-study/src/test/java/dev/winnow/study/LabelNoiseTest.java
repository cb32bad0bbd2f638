package dev.winnow.study;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelNoiseTest {
    @Test
    void flipsExactlyTheFractionToOtherClassesReproducibly() {
        int n = 1000;
        int[] y = new int[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
            ids[i] = i;
        }
        int[] a = LabelNoise.flip(y, ids, 10, 0.1, 7);
        int[] b = LabelNoise.flip(y, ids, 10, 0.1, 7);
        int[] c = LabelNoise.flip(y, ids, 10, 0.1, 8);
        int flipped = 0;
        int[] newClass = new int[10];
        for (int i = 0; i < n; i++) {
            assertThat(a[i]).isBetween(0, 9);
            if (a[i] != y[i]) {
                flipped++;
                newClass[(a[i] - y[i] + 10) % 10]++;
            }
        }
        assertThat(flipped).isEqualTo(100);
        assertThat(newClass[0]).isZero();
        // the new class is spread over the other nine, not always the next one
        assertThat(java.util.Arrays.stream(newClass).filter(v -> v > 0).count()).isGreaterThanOrEqualTo(8);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(LabelNoise.flip(y, ids, 10, 0.0, 7)).isEqualTo(y);
        assertThat(y[3]).isEqualTo(3);
    }
}
