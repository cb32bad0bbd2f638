package dev.winnow.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UniformPolicyTest {

    @Test
    void freshBudgetEachEpochAscendingUnweighted() {
        UniformPolicy p = new UniformPolicy(50, 1, 0.2);
        assertThat(p.budget()).isEqualTo(10);
        EpochPlan a = p.plan(0, 5);
        EpochPlan b = p.plan(1, 5);
        assertThat(a.indices()).hasSize(10).isSorted().doesNotHaveDuplicates();
        assertThat(a.weights()).isNull();
        assertThat(a.forwardOnly()).isZero();
        assertThat(b.indices()).isNotEqualTo(a.indices());
    }

    @Test
    void visitsEveryExampleOverEnoughEpochs() {
        // P(an example is missed in 60 epochs) = 0.8^60 ≈ 1.5e-6, times 50 examples ≈ 8e-5
        UniformPolicy p = new UniformPolicy(50, 42, 0.2);
        boolean[] visited = new boolean[50];
        for (int e = 0; e < 60; e++) {
            for (int i : p.plan(e, 60).indices()) {
                visited[i] = true;
            }
        }
        assertThat(visited).containsOnly(true);
    }

    @Test
    void visitsEachExampleAboutFTimesTheEpochs() {
        // 2000 epochs at f = 0.1 of 30 (k = 3): each example expected 200 times, sd = sqrt(2000·0.1·0.9) ≈ 13.4
        UniformPolicy p = new UniformPolicy(30, 8, 0.1);
        int[] visits = new int[30];
        for (int e = 0; e < 2000; e++) {
            for (int i : p.plan(e, 2000).indices()) {
                visits[i]++;
            }
        }
        assertThat(java.util.Arrays.stream(visits).boxed().toList()).allSatisfy(v -> assertThat(v).isBetween(200 - 67, 200 + 67));
    }

    @Test
    void atLeastOneExample() {
        assertThat(new UniformPolicy(10, 1, 0.01).plan(0, 1).indices()).hasSize(1);
    }

    @Test
    void fullPolicyTakesAll() {
        FullPolicy p = new FullPolicy(4);
        assertThat(p.plan(2, 3)).isEqualTo(EpochPlan.unweighted(new int[] {0, 1, 2, 3}));
        assertThat(p.wantsRefreshPass(0)).isFalse();
    }
}
