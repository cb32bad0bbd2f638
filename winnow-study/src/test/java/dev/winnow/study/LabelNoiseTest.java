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

    @Test
    void theSameSeedFlipsTheSameLabelsToTheSameClasses() {
        // golden values: which labels flip, and to what, at seeds 42 and -1 for ids 100, 103, ..., 157;
        // pinned from the keyed randomness as written before it moved onto RandomKey, so noise stays put
        int n = 20;
        int[] y = new int[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4;
            ids[i] = 100 + 3L * i;
        }
        assertThat(LabelNoise.flip(y, ids, 4, 0.25, 42))
                .containsExactly(0, 2, 2, 3, 2, 1, 2, 3, 0, 1, 3, 0, 0, 1, 2, 3, 0, 1, 0, 3); // 1→2 4→2 10→3 11→0 18→0
        assertThat(LabelNoise.flip(y, ids, 4, 0.25, -1))
                .containsExactly(0, 1, 2, 3, 0, 3, 0, 3, 2, 1, 2, 3, 0, 1, 2, 3, 2, 1, 3, 3); // 5→3 6→0 8→2 16→2 18→3
    }
}
