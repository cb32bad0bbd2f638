package dev.winnow.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamicPoliciesTest {

    @Test
    void parsesEachForm() {
        assertThat(DynamicPolicies.parse("full", 10, 1)).isInstanceOf(FullPolicy.class);
        assertThat(DynamicPolicies.parse("uniform:0.3", 10, 1)).isInstanceOf(UniformPolicy.class);
        assertThat(DynamicPolicies.parse("eps-greedy:0.3,0.1", 10, 1)).isInstanceOf(EpsilonGreedyPolicy.class);
        assertThat(DynamicPolicies.parse("ucb:0.3,1.0", 10, 1)).isInstanceOf(UcbPolicy.class);
        assertThat(DynamicPolicies.parse("infobatch:0.5", 10, 1)).isInstanceOf(InfoBatchPolicy.class);
        assertThat(DynamicPolicies.parse(" UCB : 0.3 , 1 ", 10, 1).name()).isEqualTo("ucb:0.3,1.0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "full; full",
            "uniform:0.25; uniform:0.25",
            "eps-greedy:0.3,0.1; eps-greedy:0.3,0.1",
            "eps-greedy:0.3,0,alpha=0.2; eps-greedy:0.3,0.0",
            "ucb:0.5,2,refresh=3; ucb:0.5,2.0,refresh=3",
            "ucb:0.5,2,alpha=0.5,refresh=0; ucb:0.5,2.0,alpha=0.5",
            "infobatch:0.5; infobatch:0.5,0.875",
            "infobatch:0.3,0.9; infobatch:0.3,0.9"})
    void nameIsCanonicalAndRoundTrips(String spec, String name) {
        DynamicPolicy p = DynamicPolicies.parse(spec, 10, 1);
        assertThat(p.name()).isEqualTo(name);
        assertThat(DynamicPolicies.parse(p.name(), 10, 1).name()).isEqualTo(name);
        assertThat(p.size()).isEqualTo(10);
    }

    @Test
    void parsedParametersTakeEffect() {
        LossEmaPolicy ucb = (LossEmaPolicy) DynamicPolicies.parse("ucb:0.5,2,alpha=0.5,refresh=3", 10, 1);
        assertThat(ucb.budget()).isEqualTo(5);
        assertThat(ucb.wantsRefreshPass(3)).isTrue();
        ucb.observe(new int[] {0, 0}, new float[] {1, 3});
        assertThat(ucb.mean(0)).isEqualTo(2.0); // alpha 0.5
        assertThat(((UcbPolicy) ucb).upperBound(0)).isEqualTo(2.0 + 2.0 * 1.0);
        InfoBatchPolicy ib = (InfoBatchPolicy) DynamicPolicies.parse("infobatch:0.75,0.5", 10, 1);
        assertThat(ib.keptWeight()).isEqualTo(4f);
        assertThat(ib.prunes(4, 10)).isTrue();
        assertThat(ib.prunes(5, 10)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "bogus:0.5; unknown policy 'bogus'",
            "uniform; uniform takes 1 parameter, got 0",
            "uniform:0; F must be in (0,1], got 0.0",
            "uniform:1.5; F must be in (0,1], got 1.5",
            "uniform:-0.2; F must be in (0,1]",
            "uniform:abc; F is not a number: 'abc'",
            "uniform:NaN; F is not a number",
            "uniform:0.5,0.5; uniform takes 1 parameter, got 2",
            "full:1; full takes 0 parameters, got 1",
            "eps-greedy:0.5; eps-greedy takes 2 parameters, got 1",
            "eps-greedy:0.5,1.5; EPS must be in [0,1], got 1.5",
            "eps-greedy:0.5,-0.1; EPS must be in [0,1]",
            "eps-greedy:0,0.1; F must be in (0,1]",
            "ucb:0.5,-1; C must be finite and >= 0",
            "ucb:0.3,1.0,alpha=0; alpha must be in (0,1]",
            "ucb:0.3,1.0,alpha=1.1; alpha must be in (0,1]",
            "ucb:0.3,1.0,refresh=-1; refresh must be >= 0",
            "ucb:0.3,1.0,refresh=1.5; refresh is not an integer",
            "ucb:0.3,1.0,beta=1; unknown option 'beta'",
            "ucb:0.3,alpha=0.5,1.0; positional parameter '1.0' after key=value options",
            "ucb:0.3,,1.0; empty parameter",
            "infobatch:1.0; R must be in [0,1), got 1.0",
            "infobatch:-0.1; R must be in [0,1)",
            "infobatch:0.5,0; DELTA must be in (0,1], got 0.0",
            "infobatch:0.5,1.2; DELTA must be in (0,1]",
            "infobatch; infobatch takes 1 or 2 parameters, got 0",
            "infobatch:0.5,alpha=0.1; infobatch takes no key=value options"})
    void badSpecsSayWhatIsWrongAndListTheValidForms(String spec, String reason) {
        assertThatThrownBy(() -> DynamicPolicies.parse(spec, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad dynamic policy '" + spec + "': ")
                .hasMessageContaining(reason)
                .hasMessageContaining("valid forms: full | uniform:F | eps-greedy:F,EPS")
                .hasMessageContaining("infobatch:R[,DELTA]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptySpec(String spec) {
        assertThatThrownBy(() -> DynamicPolicies.parse(spec, 10, 1))
                .hasMessageStartingWith("empty dynamic policy spec").hasMessageContaining("valid forms");
    }

    @Test
    void emptyTrainingSetIsRefused() {
        assertThatThrownBy(() -> DynamicPolicies.parse("full", 0, 1)).hasMessageContaining("at least 1 example");
    }

    @Test
    void epochPlanValidates() {
        assertThatThrownBy(() -> new EpochPlan(new int[2], new float[3], 0)).hasMessageContaining("weights has 3");
        assertThatThrownBy(() -> new EpochPlan(null, null, 0)).hasMessageContaining("indices");
        assertThatThrownBy(() -> new EpochPlan(new int[0], null, -1)).hasMessageContaining("forwardOnly");
        EpochPlan p = new EpochPlan(new int[] {1, 4}, new float[] {2f, 1f}, 7);
        assertThat(p.weight(0)).isEqualTo(2f);
        assertThat(p.size()).isEqualTo(2);
        assertThat(EpochPlan.unweighted(new int[] {3}).weight(0)).isEqualTo(1f);
        assertThat(p).isEqualTo(new EpochPlan(new int[] {1, 4}, new float[] {2f, 1f}, 7)).hasSameHashCodeAs(
                new EpochPlan(new int[] {1, 4}, new float[] {2f, 1f}, 7));
    }
}
