package dev.winnow.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LossEmaPolicyTest {

    @Test
    void movingAveragesByHandWithAlphaHalf() {
        UcbPolicy p = new UcbPolicy(3, 0, PolicySpec.ucb(1.0, 1.0, 0.5, 0));
        p.observe(new int[] {0}, new float[] {1f});
        // first observation: mean = 1, var = 0
        assertThat(p.mean(0)).isEqualTo(1.0);
        assertThat(p.variance(0)).isEqualTo(0.0);
        p.observe(new int[] {0}, new float[] {3f});
        // d = 2; mean = 1 + 0.5·2 = 2; var = 0.5·(0 + 0.5·4) = 1
        assertThat(p.mean(0)).isEqualTo(2.0);
        assertThat(p.variance(0)).isEqualTo(1.0);
        p.observe(new int[] {0}, new float[] {2f});
        // d = 0; mean = 2; var = 0.5·(1 + 0) = 0.5
        assertThat(p.mean(0)).isEqualTo(2.0);
        assertThat(p.variance(0)).isEqualTo(0.5);
        assertThat(p.upperBound(0)).isCloseTo(2 + Math.sqrt(0.5), within(1e-12));
        assertThat(p.observations(0)).isEqualTo(3);
        assertThat(p.observations(1)).isZero();
    }

    @Test
    void defaultAlphaIsOneFifth() {
        EpsilonGreedyPolicy p = new EpsilonGreedyPolicy(1, 0, PolicySpec.epsGreedy(1.0, 0.0));
        p.observe(new int[] {0, 0}, new float[] {1f, 3f});
        // d = 2; mean = 1 + 0.2·2 = 1.4; var = 0.8·(0 + 0.2·4) = 0.64
        assertThat(p.mean(0)).isCloseTo(1.4, within(1e-12));
        assertThat(p.variance(0)).isCloseTo(0.64, within(1e-12));
    }

    @Test
    void badObservationsAreRefusedAndNothingIsRecorded() {
        UcbPolicy p = new UcbPolicy(4, 0, PolicySpec.ucb(0.5, 1.0));
        assertThatThrownBy(() -> p.observe(new int[] {0, 1}, new float[] {1f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 indices but 1 losses");
        assertThatThrownBy(() -> p.observe(new int[] {0, 4}, new float[] {1f, 1f}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 4 outside");
        assertThatThrownBy(() -> p.observe(new int[] {0, 2}, new float[] {1f, Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be finite");
        assertThat(p.observations(0)).isZero();
    }

    @Test
    void badEpochsAreRefused() {
        UcbPolicy p = new UcbPolicy(4, 0, PolicySpec.ucb(0.5, 1.0));
        assertThatThrownBy(() -> p.plan(4, 3)).hasMessageContaining("outside 1..3");
        assertThatThrownBy(() -> p.plan(0, 3)).hasMessageContaining("outside 1..3");
        assertThatThrownBy(() -> p.plan(1, 0)).hasMessageContaining("totalEpochs");
    }

    @Test
    void refreshPassEveryRthEpochIsAskedForAndCounted() {
        UcbPolicy p = new UcbPolicy(10, 0, PolicySpec.ucb(0.3, 1.0, 0.2, 2));
        assertThat(p.wantsRefreshPass(1)).isFalse();
        assertThat(p.wantsRefreshPass(2)).isFalse();
        assertThat(p.wantsRefreshPass(3)).isTrue();
        assertThat(p.wantsRefreshPass(4)).isFalse();
        assertThat(p.wantsRefreshPass(5)).isTrue();
        assertThat(p.plan(2, 10).forwardOnly()).isZero();
        assertThat(p.plan(3, 10).forwardOnly()).isEqualTo(10);
        UcbPolicy never = new UcbPolicy(10, 0, PolicySpec.ucb(0.3, 1.0));
        for (int e = 1; e <= 10; e++) {
            assertThat(never.wantsRefreshPass(e)).isFalse();
            assertThat(never.plan(e, 10).forwardOnly()).isZero();
        }
    }

    @Test
    void afterARefreshPassNothingIsUnseenAndTheChoiceFollowsTheScores() {
        EpsilonGreedyPolicy p = new EpsilonGreedyPolicy(6, 3, PolicySpec.epsGreedy(0.5, 0.0, 0.2, 1));
        EpochPlan first = p.plan(1, 4); // all unseen: 3 at random
        assertThat(first.indices()).hasSize(3);
        assertThat(p.wantsRefreshPass(2)).isTrue();
        p.observe(new int[] {0, 1, 2, 3, 4, 5}, new float[] {0.1f, 5f, 0.2f, 4f, 0.3f, 3f});
        EpochPlan second = p.plan(2, 4);
        assertThat(second.indices()).containsExactly(1, 3, 5);
        assertThat(second.forwardOnly()).isEqualTo(6);
    }
}
