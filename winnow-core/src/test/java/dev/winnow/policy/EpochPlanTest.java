package dev.winnow.policy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The one shuffle of an epoch's positions, against swaps worked out by hand. */
class EpochPlanTest {
    @Test
    void shuffledPositionsSwapFromTheLastPositionDown() {
        List<Integer> bounds = new ArrayList<>();
        // j = 0 every time: swap 3↔0 [3,1,2,0], 2↔0 [2,1,3,0], 1↔0 [1,2,3,0]; the bounds asked are i + 1 = 4, 3, 2
        int[] order = EpochPlan.shuffledPositions(4, b -> {
            bounds.add(b);
            return 0;
        });
        assertThat(order).containsExactly(1, 2, 3, 0);
        assertThat(bounds).containsExactly(4, 3, 2);
        // j = i every time: nothing moves
        assertThat(EpochPlan.shuffledPositions(4, b -> b - 1)).containsExactly(0, 1, 2, 3);
        assertThat(EpochPlan.shuffledPositions(1, b -> 0)).containsExactly(0);
        assertThat(EpochPlan.shuffledPositions(0, b -> 0)).isEmpty();
    }

    @Test
    void shuffledPositionsDrawFromTheGeneratorGiven() {
        // java.util.Random(7): the draws nextInt(3), then nextInt(2), in that order
        Random r = new Random(7);
        int j2 = r.nextInt(3);
        int j1 = r.nextInt(2);
        int[] want = {0, 1, 2};
        int t = want[2];
        want[2] = want[j2];
        want[j2] = t;
        t = want[1];
        want[1] = want[j1];
        want[j1] = t;
        assertThat(EpochPlan.shuffledPositions(3, new Random(7)::nextInt)).containsExactly(want);
    }
}
