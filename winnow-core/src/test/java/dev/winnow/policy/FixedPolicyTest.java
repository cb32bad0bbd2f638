package dev.winnow.policy;

import dev.winnow.WinnowException;
import dev.winnow.select.KeepList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FixedPolicyTest {
    /** Example i of the training set has id 100 + 10·(5 − i): ids 150, 140, 130, 120, 110, 100. */
    private static final long[] IDS = {150, 140, 130, 120, 110, 100};

    @Test
    void keptIdsBecomeTheirIndicesInIdOrderWithFloatWeights() {
        KeepList keep = KeepList.given("test", new long[] {140, 100, 120}, new double[] {2, 0.5, 1});
        FixedPolicy p = FixedPolicy.of(keep, IDS);
        assertThat(p.size()).isEqualTo(6);
        EpochPlan plan = p.plan(1, 3);
        // ids ascending 100, 120, 140 → indices 5, 3, 1, weights 0.5, 1, 2
        assertThat(plan.indices()).containsExactly(5, 3, 1);
        assertThat(plan.weights()).containsExactly(0.5f, 1f, 2f);
        assertThat(plan.forwardOnly()).isZero();
        assertThat(p.plan(3, 3)).isSameAs(plan);
        assertThat(p.name()).isEqualTo("keep-list (3 of 6)");
        assertThat(p.wantsRefreshPass(2)).isFalse();
        p.observe(new int[] {5}, new float[] {1f}); // ignored, but checked
        assertThatThrownBy(() -> p.observe(new int[] {6}, new float[] {1f})).hasMessageContaining("index 6 outside");
        p.onRunStart(3);
        p.onRunStart(3); // seedless: many runs
    }

    @Test
    void anUnweightedListGivesAnUnweightedPlanAndAFileItsName(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("keep.csv");
        Files.writeString(csv, "id,weight\n130,1\n150,1\n");
        FixedPolicy p = FixedPolicy.of(KeepList.read(csv), IDS);
        assertThat(p.plan(1, 1)).isEqualTo(EpochPlan.of(new int[] {2, 0}));
        assertThat(p.name()).isEqualTo("keep-list keep.csv (2 of 6)");
    }

    @Test
    void anUnknownIdIsOneClearError() {
        KeepList keep = KeepList.given("test", new long[] {100, 105}, null);
        assertThatThrownBy(() -> FixedPolicy.of(keep, IDS)).isInstanceOf(WinnowException.class)
                .hasMessage("example id 105 is not in the training set");
        assertThatThrownBy(() -> new FixedPolicy(3, EpochPlan.of(new int[] {0, 3}), "x"))
                .hasMessageContaining("plan index 3 outside the training set 0..2");
    }
}
