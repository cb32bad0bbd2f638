package dev.winnow.select;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LongSelectTest {
    @Property(tries = 500)
    void returnsTheValueOfTheRankInSortedOrder(@ForAll @IntRange(min = 1, max = 3000) int n,
                                               @ForAll @IntRange(min = 1, max = 5000) int distinct,
                                               @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(distinct) - distinct / 2 + (distinct > 4000 ? r.nextLong() : 0);
        }
        long[] sorted = a.clone();
        Arrays.sort(sorted);
        int rank = r.nextInt(n);
        long v = LongSelect.select(a, 0, n, rank);
        assertThat(v).isEqualTo(sorted[rank]);
        long[] after = a.clone();
        Arrays.sort(after);
        assertThat(after).isEqualTo(sorted);
    }

    @Test
    void handlesSortedReversedAndConstantInputs() {
        int n = 100_000;
        long[] asc = new long[n];
        long[] desc = new long[n];
        long[] flat = new long[n];
        for (int i = 0; i < n; i++) {
            asc[i] = i;
            desc[i] = n - i;
            flat[i] = 7;
        }
        assertThat(LongSelect.select(asc, 0, n, 12_345)).isEqualTo(12_345);
        assertThat(LongSelect.select(desc, 0, n, 0)).isEqualTo(1);
        assertThat(LongSelect.select(flat, 0, n, n - 1)).isEqualTo(7);
    }

    @Test
    void worksOnASubrange() {
        long[] a = {100, 5, 4, 3, 2, 1, -100};
        assertThat(LongSelect.select(a, 1, 6, 0)).isEqualTo(1);
        assertThat(a[0]).isEqualTo(100);
        assertThat(a[6]).isEqualTo(-100);
    }
}
