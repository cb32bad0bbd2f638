package dev.winnow.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UcbPolicyTest {

    /** Example 0: losses 1, 1 → mean 1, var 0. Example 1: 0, 1.2 → mean 0.6, var 0.36. Example 2: 0.2, 0.2. */
    private static UcbPolicy handCase(double c) {
        UcbPolicy p = new UcbPolicy(3, 11, PolicySpec.ucb(0.34, c, 0.5, 0)); // k = floor(0.34·3) = 1
        p.observe(new int[] {0, 1, 2}, new float[] {1f, 0f, 0.2f});
        p.observe(new int[] {0, 1, 2}, new float[] {1f, 1.2f, 0.2f});
        return p;
    }

    @Test
    void handCaseMovingAverages() {
        UcbPolicy p = handCase(1.0);
        // example 1: d = 1.2; mean = 0 + 0.5·1.2 = 0.6; var = 0.5·(0 + 0.5·1.44) = 0.36; bound = 0.6 + 0.6
        assertThat(p.mean(1)).isCloseTo(0.6, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(p.variance(1)).isCloseTo(0.36, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(p.upperBound(1)).isCloseTo(1.2, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(p.upperBound(0)).isEqualTo(1.0);
    }

    @Test
    void withCZeroItIsGreedyByMean() {
        // means 1, 0.6, 0.2 → example 0
        assertThat(handCase(0.0).plan(1, 5).indices()).containsExactly(0);
    }

    @Test
    void withCOneTheVarianceBonusWins() {
        // bounds 1 + 0, 0.6 + 0.6 = 1.2, 0.2 → example 1
        assertThat(handCase(1.0).plan(1, 5).indices()).containsExactly(1);
    }

    @Test
    void greedyByMeanOnLargerCase() {
        UcbPolicy p = new UcbPolicy(6, 5, PolicySpec.ucb(0.5, 0.0));
        p.observe(new int[] {0, 1, 2, 3, 4, 5}, new float[] {0.4f, 2.5f, 0.9f, 3.1f, 0.2f, 1.7f});
        // k = 3: the three highest means 3.1 (3), 2.5 (1), 1.7 (5)
        assertThat(p.plan(1, 2).indices()).containsExactly(1, 3, 5);
        assertThat(p.plan(1, 2).weights()).isNull();
    }

    @Test
    void unseenExamplesComeFirst() {
        UcbPolicy p = new UcbPolicy(10, 1, PolicySpec.ucb(0.3, 1.0)); // k = 3
        p.observe(new int[] {0, 1, 2, 3, 4, 5}, new float[] {100, 100, 100, 100, 100, 100});
        int[] chosen = p.plan(2, 5).indices();
        assertThat(chosen).hasSize(3).isSorted().doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(chosen).boxed().toList()).allSatisfy(i -> assertThat(i).isBetween(6, 9));
    }

    @Test
    void unseenFirstThenTheBestObserved() {
        UcbPolicy p = new UcbPolicy(10, 1, PolicySpec.ucb(0.4, 0.0)); // k = 4
        p.observe(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, new float[] {0, 1, 2, 3, 4, 5, 6, 7});
        // 8 and 9 unseen, then the two highest means: 7 and 6
        assertThat(p.plan(2, 5).indices()).containsExactly(6, 7, 8, 9);
    }

    @Test
    void theLoopSeesEveryExampleWithinCeilNOverKEpochs() {
        UcbPolicy p = new UcbPolicy(10, 2, PolicySpec.ucb(0.3, 1.0)); // k = 3: 4 epochs cover 10
        boolean[] trained = new boolean[10];
        for (int e = 1; e <= 4; e++) {
            int[] idx = p.plan(e, 10).indices();
            float[] losses = new float[idx.length];
            for (int j = 0; j < idx.length; j++) {
                trained[idx[j]] = true;
                losses[j] = idx[j];
            }
            p.observe(idx, losses);
        }
        assertThat(trained).containsOnly(true);
    }
}
