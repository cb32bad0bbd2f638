package dev.winnow.policy;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EpsilonGreedyPolicyTest {

    private static final float[] LOSSES = {0.4f, 2.5f, 0.9f, 3.1f, 0.2f, 1.7f, 0.5f, 0.05f, 1.1f, 0.7f};

    private static EpsilonGreedyPolicy observedAll(double fraction, double eps, long seed) {
        EpsilonGreedyPolicy p = new EpsilonGreedyPolicy(LOSSES.length, seed, PolicySpec.epsGreedy(fraction, eps));
        p.observe(Picks.all(LOSSES.length), LOSSES);
        return p;
    }

    @Test
    void withEpsilonZeroItIsGreedyByMovingAverage() {
        // k = 4: the four highest losses 3.1 (3), 2.5 (1), 1.7 (5), 1.1 (8), whatever the seed
        for (long seed = 0; seed < 20; seed++) {
            assertThat(observedAll(0.4, 0.0, seed).plan(4, 10).indices()).containsExactly(1, 3, 5, 8);
        }
    }

    @Test
    void greedyFollowsTheMovingAverageNotTheLastLoss() {
        EpsilonGreedyPolicy p = new EpsilonGreedyPolicy(2, 0, PolicySpec.epsGreedy(0.5, 0.0, 0.5, 0)); // k = 1
        p.observe(new int[] {0, 1}, new float[] {4f, 1f});
        p.observe(new int[] {0, 1}, new float[] {0f, 2f});
        // mean0 = 4 + 0.5·(0 − 4) = 2; mean1 = 1 + 0.5·(2 − 1) = 1.5; the last loss would pick 1
        assertThat(p.plan(2, 2).indices()).containsExactly(0);
    }

    @Test
    void withEpsilonHalfHalfIsGreedyAndHalfRandomFromTheRest() {
        // k = 4; exploration floor(0.5·4) = 2 from the 8 non-greedy, greedy = the top 2: 3 and 1
        Set<Integer> explored = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            int[] chosen = observedAll(0.4, 0.5, seed).plan(2, 10).indices();
            assertThat(chosen).hasSize(4).isSorted().doesNotHaveDuplicates().contains(1, 3);
            for (int i : chosen) {
                if (i != 1 && i != 3) {
                    explored.add(i);
                }
            }
        }
        assertThat(explored).containsExactlyInAnyOrder(0, 2, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void withEpsilonOneAllIsRandom() {
        Set<Integer> chosenEver = new HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            for (int i : observedAll(0.2, 1.0, seed).plan(2, 10).indices()) {
                chosenEver.add(i);
            }
        }
        assertThat(chosenEver).hasSize(10); // greedy would always take 1 and 3 and nothing else
    }

    @Test
    void unseenExamplesComeFirst() {
        EpsilonGreedyPolicy p = new EpsilonGreedyPolicy(10, 4, PolicySpec.epsGreedy(0.3, 0.5)); // k = 3
        p.observe(new int[] {0, 1, 2, 3, 4, 5}, new float[] {100, 100, 100, 100, 100, 100});
        int[] chosen = p.plan(2, 5).indices();
        assertThat(chosen).hasSize(3);
        assertThat(java.util.Arrays.stream(chosen).boxed().toList()).allSatisfy(i -> assertThat(i).isBetween(6, 9));
    }

    @Test
    void unseenFirstThenTheSplitOfTheRemainingBudget() {
        EpsilonGreedyPolicy p = new EpsilonGreedyPolicy(10, 4, PolicySpec.epsGreedy(0.5, 0.0)); // k = 5
        p.observe(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, new float[] {0, 1, 2, 3, 4, 5, 6, 7});
        // 8, 9 unseen; remaining budget 3 → greedy 7, 6, 5
        assertThat(p.plan(2, 5).indices()).containsExactly(5, 6, 7, 8, 9);
    }
}
