package dev.winnow.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UniformPolicyTest {
    /** How often each example is planned over {@code epochs} epochs of {@code p}. */
    private static int[] visits(UniformPolicy p, int epochs) {
        int[] visits = new int[p.size()];
        for (int e = 1; e <= epochs; e++) {
            for (int i : p.plan(e, epochs).indices()) {
                visits[i]++;
            }
        }
        return visits;
    }

    @Test
    void freshBudgetEachEpochAscendingUnweighted() {
        UniformPolicy p = new UniformPolicy(50, 1, 0.2);
        assertThat(p.budget()).isEqualTo(10);
        EpochPlan a = p.plan(1, 5);
        EpochPlan b = p.plan(2, 5);
        assertThat(a.indices()).hasSize(10).isSorted().doesNotHaveDuplicates();
        assertThat(a.weights()).isNull();
        assertThat(a.forwardOnly()).isZero();
        assertThat(b.indices()).isNotEqualTo(a.indices());
    }

    @Test
    void visitsEveryExampleOverEnoughEpochs() {
        // P(an example is missed in 60 epochs) = 0.8^60 ≈ 1.5e-6, times 50 examples ≈ 8e-5
        assertThat(visits(new UniformPolicy(50, 42, 0.2), 60)).doesNotContain(0);
    }

    @Test
    void visitsEachExampleAboutFTimesTheEpochs() {
        // 2000 epochs at f = 0.1 of 30 (k = 3): each example expected 200 times, sd = sqrt(2000·0.1·0.9) ≈ 13.4
        int[] visits = visits(new UniformPolicy(30, 8, 0.1), 2000);
        assertThat(java.util.Arrays.stream(visits).boxed().toList()).allSatisfy(v -> assertThat(v).isBetween(200 - 67, 200 + 67));
    }

    @Test
    void atLeastOneExample() {
        assertThat(new UniformPolicy(10, 1, 0.01).plan(1, 1).indices()).hasSize(1);
    }

    @Test
    void fullPolicyTakesAll() {
        FullPolicy p = new FullPolicy(4);
        assertThat(p.plan(3, 3)).isEqualTo(EpochPlan.of(new int[] {0, 1, 2, 3}));
        assertThat(p.wantsRefreshPass(1)).isFalse();
    }

    @Test
    void epochEMakesTheChoicesOfTheGeneratorOfEMinusOne() {
        // epochs counted from 0 before: the seed of epoch e is still the random key of (seed, e − 1)
        UniformPolicy p = new UniformPolicy(50, 7, 0.2);
        for (int e = 1; e <= 5; e++) {
            assertThat(p.plan(e, 5).indices()).isEqualTo(Picks.sampleRange(Picks.epochRandom(7, e - 1), 50, 10));
        }
    }

    @Test
    void aSeededPolicyDrivesOneRunASeedlessOneMany() {
        UniformPolicy u = new UniformPolicy(10, 1, 0.5);
        u.onRunStart(3);
        assertThatThrownBy(() -> u.onRunStart(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("uniform:0.5 drives one run");
        FullPolicy f = new FullPolicy(10);
        f.onRunStart(3);
        f.onRunStart(3);
        assertThatThrownBy(() -> f.onRunStart(0)).hasMessageContaining("totalEpochs must be >= 1");
    }
}
