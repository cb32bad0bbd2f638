package dev.winnow.policy;

import dev.winnow.select.KeepList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StepLimitedPolicyTest {
    private static final long[] IDS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    /** A keep-list of all 10 examples, example i weighted i + 1. */
    private static FixedPolicy tenWeighted() {
        double[] w = new double[10];
        Arrays.setAll(w, i -> i + 1);
        return FixedPolicy.of(KeepList.given("test", IDS, w), IDS);
    }

    private static long steps(EpochPlan p, int batch) {
        return (p.size() + batch - 1) / batch;
    }

    @Test
    void theBudgetEndsInsideTheLastEpochWithASeededShare() {
        // 10 examples, batch 3: 4 steps an epoch. 10 steps = epochs 1 and 2 whole (8 steps), then 2 steps
        // (6 examples) of epoch 3: 4 + 4 + 2 = 10
        StepLimitedPolicy p = new StepLimitedPolicy(tenWeighted(), 3, 10, 5);
        p.onRunStart(3);
        List<EpochPlan> plans = new ArrayList<>();
        for (int e = 1; e <= 3; e++) {
            plans.add(p.plan(e, 3));
        }
        assertThat(plans).extracting(EpochPlan::size).containsExactly(10, 10, 6);
        assertThat(plans.stream().mapToLong(x -> steps(x, 3)).sum()).isEqualTo(10);
        assertThat(plans.get(0).indices()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        // the share: positions shuffled from the last down with SplittableRandom(seed·31 + epoch), first 6 taken
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        SplittableRandom rnd = new SplittableRandom(5 * 31 + 3);
        for (int i = 9; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        EpochPlan last = plans.get(2);
        assertThat(last.indices()).containsExactly(Arrays.copyOf(order, 6));
        for (int j = 0; j < 6; j++) {
            assertThat(last.weight(j)).isEqualTo(last.indices()[j] + 1f); // each weight stays with its example
        }
    }

    @Test
    void aBudgetThatEndsOnAnEpochBoundaryLeavesLaterEpochsEmptyAndALargeOneChangesNothing() {
        StepLimitedPolicy exact = new StepLimitedPolicy(tenWeighted(), 5, 4, 1); // 2 steps an epoch
        exact.onRunStart(3);
        assertThat(exact.plan(1, 3).size()).isEqualTo(10);
        assertThat(exact.plan(2, 3).size()).isEqualTo(10);
        assertThat(exact.plan(3, 3).size()).isZero();
        FixedPolicy inner = tenWeighted();
        StepLimitedPolicy roomy = new StepLimitedPolicy(inner, 3, 1000, 1);
        roomy.onRunStart(5);
        for (int e = 1; e <= 5; e++) {
            assertThat(roomy.plan(e, 5)).isEqualTo(inner.plan(e, 5));
        }
        // a new run starts a new budget
        exact.onRunStart(3);
        assertThat(exact.plan(1, 3).size()).isEqualTo(10);
    }

    @Test
    void itPassesTheRestThrough() {
        UcbPolicy ucb = new UcbPolicy(10, 2, PolicySpec.ucb(0.5, 1.0, 0.2, 2));
        StepLimitedPolicy p = new StepLimitedPolicy(ucb, 2, 100, 0);
        assertThat(p.size()).isEqualTo(10);
        assertThat(p.wantsRefreshPass(3)).isTrue();
        assertThat(p.name()).isEqualTo("ucb:0.5,1.0,refresh=2 (at most 100 steps)");
        p.observe(new int[] {1}, new float[] {2f});
        assertThat(ucb.observations(1)).isEqualTo(1);
        p.onRunStart(2);
        assertThatThrownBy(() -> p.onRunStart(2)).hasMessageContaining("one run");
        assertThatThrownBy(() -> new StepLimitedPolicy(ucb, 0, 1, 0)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new StepLimitedPolicy(ucb, 1, 0, 0)).hasMessageContaining("maxSteps");
    }
}
