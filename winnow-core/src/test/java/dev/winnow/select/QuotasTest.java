package dev.winnow.select;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuotasTest {
    @Test
    void exactWhenProportionalIsWhole() {
        assertThat(Quotas.largestRemainder(10, new int[] {5, 3, 2})).containsExactly(5, 3, 2);
    }

    @Test
    void leftoverToLargestRemainderThenSmallerLabel() {
        // k = 5, N = 10: 15/10 = 1 r 5, 15/10 = 1 r 5, 20/10 = 2 r 0; one leftover, tie at 5 -> first class
        assertThat(Quotas.largestRemainder(5, new int[] {3, 3, 4})).containsExactly(2, 1, 2);
        // k = 4, N = 10: 4/10 = 0 r 4, 12/10 = 1 r 2, 24/10 = 2 r 4; one leftover, tie 4 -> first class
        assertThat(Quotas.largestRemainder(4, new int[] {1, 3, 6})).containsExactly(1, 1, 2);
        // k = 3, N = 7: 3/7 = 0 r 3, 6/7 = 0 r 6, 12/7 = 1 r 5; two leftovers -> remainders 6 and 5
        assertThat(Quotas.largestRemainder(3, new int[] {1, 2, 4})).containsExactly(0, 1, 2);
    }

    @Property(tries = 300)
    void quotasSumToKAndStayWithinOneOfProportional(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 1000) Integer> sizeList,
            @ForAll @IntRange(min = 0, max = 1_000_000) int kSeed) {
        int[] sizes = sizeList.stream().mapToInt(Integer::intValue).toArray();
        long n = 0;
        for (int s : sizes) {
            n += s;
        }
        int k = (int) (kSeed % (n + 1));
        int[] q = Quotas.largestRemainder(k, sizes);
        long sum = 0;
        for (int c = 0; c < sizes.length; c++) {
            double proportional = (double) k * sizes[c] / n;
            assertThat(q[c]).isBetween((int) Math.floor(proportional), (int) Math.ceil(proportional));
            assertThat(q[c]).isBetween(0, sizes[c]);
            sum += q[c];
        }
        assertThat(sum).isEqualTo(k);
    }
}
