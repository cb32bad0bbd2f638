package dev.winnow.policy;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PicksTest {

    @Test
    void budgetIsFloorOfFractionTimesNAtLeastOne() {
        assertThat(Picks.budget(0.3, 10)).isEqualTo(3);
        assertThat(Picks.budget(0.35, 10)).isEqualTo(3);
        assertThat(Picks.budget(0.05, 10)).isEqualTo(1);
        assertThat(Picks.budget(1.0, 7)).isEqualTo(7);
        assertThat(Picks.budget(0.5, 1)).isEqualTo(1);
    }

    @Test
    void sampleRangeIsAscendingDistinctAndOfSizeK() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int k = 0; k <= 20; k++) {
            int[] s = Picks.sampleRange(rng, 20, k);
            assertThat(s).hasSize(k).isSorted().doesNotHaveDuplicates();
            assertThat(java.util.Arrays.stream(s).boxed().toList()).allSatisfy(i -> assertThat(i).isBetween(0, 19));
        }
    }

    @Test
    void sampleRangeIsUniform() {
        // 20000 draws of 2 of 5: each index is expected 8000 times, sd = sqrt(20000·0.4·0.6) ≈ 69.
        SplittableRandom rng = new SplittableRandom(7);
        int[] hits = new int[5];
        for (int t = 0; t < 20000; t++) {
            for (int i : Picks.sampleRange(rng, 5, 2)) {
                hits[i]++;
            }
        }
        assertThat(java.util.Arrays.stream(hits).boxed().toList()).allSatisfy(h -> assertThat(h).isBetween(8000 - 350, 8000 + 350));
    }

    @Test
    void topTakesHighestScoresInCandidateOrder() {
        double[] score = {0.5, 9.0, 0.1, 7.0, 3.0, 8.0};
        int[] candidates = {0, 2, 3, 4, 5}; // 1 is not a candidate
        assertThat(Picks.top(score, candidates, 2, new SplittableRandom(0))).containsExactly(3, 5);
        assertThat(Picks.top(score, candidates, 0, new SplittableRandom(0))).isEmpty();
        assertThat(Picks.top(score, candidates, 5, new SplittableRandom(0))).containsExactly(0, 2, 3, 4, 5);
    }

    @Test
    void topBreaksTiesAtTheThresholdAtRandom() {
        double[] score = {5, 1, 1, 1, 1};
        boolean[] won = new boolean[5];
        for (long seed = 0; seed < 100; seed++) {
            int[] t = Picks.top(score, new int[] {0, 1, 2, 3, 4}, 2, new SplittableRandom(seed));
            assertThat(t).hasSize(2).contains(0).isSorted();
            won[t[1]] = true;
        }
        assertThat(won).containsExactly(false, true, true, true, true);
    }

    @Test
    void mergeAndMinus() {
        assertThat(Picks.merge(new int[] {1, 4, 9}, new int[] {0, 5})).containsExactly(0, 1, 4, 5, 9);
        assertThat(Picks.minus(new int[] {0, 1, 4, 5, 9}, new int[] {1, 9})).containsExactly(0, 4, 5);
    }

    @Test
    void epochRandomDependsOnSeedAndEpoch() {
        long a = Picks.epochRandom(1, 0).nextLong();
        assertThat(Picks.epochRandom(1, 0).nextLong()).isEqualTo(a);
        assertThat(Picks.epochRandom(1, 1).nextLong()).isNotEqualTo(a);
        assertThat(Picks.epochRandom(2, 0).nextLong()).isNotEqualTo(a);
    }
}
