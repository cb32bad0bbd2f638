package dev.winnow.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The spec parser, the catalogue it reads its defaults from, and the plan record (moved from DynamicPoliciesTest). */
class PolicySpecTest {
    private static EpochPolicy build(String spec, int n, long seed) {
        return PolicySpec.parse(spec).build(n, seed);
    }

    @Test
    void parsesEachForm() {
        assertThat(build("full", 10, 1)).isInstanceOf(FullPolicy.class);
        assertThat(build("uniform:0.3", 10, 1)).isInstanceOf(UniformPolicy.class);
        assertThat(build("eps-greedy:0.3,0.1", 10, 1)).isInstanceOf(EpsilonGreedyPolicy.class);
        assertThat(build("ucb:0.3,1.0", 10, 1)).isInstanceOf(UcbPolicy.class);
        assertThat(build("infobatch:0.5", 10, 1)).isInstanceOf(InfoBatchPolicy.class);
        assertThat(build(" UCB : 0.3 , 1 ", 10, 1).name()).isEqualTo("ucb:0.3,1.0");
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
            "infobatch:0.3,0.9; infobatch:0.3,0.9",
            "eps-greedy:0.3; eps-greedy:0.3,0.2",
            "ucb:0.3; ucb:0.3,1.0",
            "ucb:0.3,refresh=2; ucb:0.3,1.0,refresh=2"})
    void nameIsCanonicalAndRoundTrips(String spec, String name) {
        EpochPolicy p = build(spec, 10, 1);
        assertThat(p.name()).isEqualTo(name);
        assertThat(build(p.name(), 10, 1).name()).isEqualTo(name);
        assertThat(PolicySpec.parse(spec).toString()).isEqualTo(name);
        assertThat(PolicySpec.parse(name)).isEqualTo(PolicySpec.parse(spec));
        assertThat(p.size()).isEqualTo(10);
    }

    @Test
    void parsedParametersTakeEffect() {
        LossEmaPolicy ucb = (LossEmaPolicy) build("ucb:0.5,2,alpha=0.5,refresh=3", 10, 1);
        assertThat(ucb.budget()).isEqualTo(5);
        assertThat(ucb.wantsRefreshPass(4)).isTrue(); // before epoch 1 + 3
        ucb.observe(new int[] {0, 0}, new float[] {1, 3});
        assertThat(ucb.mean(0)).isEqualTo(2.0); // alpha 0.5
        assertThat(((UcbPolicy) ucb).upperBound(0)).isEqualTo(2.0 + 2.0 * 1.0);
        InfoBatchPolicy ib = (InfoBatchPolicy) build("infobatch:0.75,0.5", 10, 1);
        assertThat(ib.keptWeight()).isEqualTo(4f);
        assertThat(ib.prunes(5, 10)).isTrue(); // δ·E = 5: epochs 1..5 prune
        assertThat(ib.prunes(6, 10)).isFalse();
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
            "eps-greedy:0.5,0.1,0.2; eps-greedy takes 1 or 2 parameters, got 3",
            "ucb; ucb takes 1 or 2 parameters, got 0",
            "ucb:0.3,keep; C is not a number: 'keep'",
            "infobatch:keep; R is not a number: 'keep'",
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
        assertThatThrownBy(() -> build(spec, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad dynamic policy '" + spec + "': ")
                .hasMessageContaining(reason)
                .hasMessageContaining("valid forms: full | uniform:F | eps-greedy:F[,EPS]")
                .hasMessageContaining("infobatch:R[,DELTA]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptySpec(String spec) {
        assertThatThrownBy(() -> build(spec, 10, 1))
                .hasMessageStartingWith("empty dynamic policy spec").hasMessageContaining("valid forms");
    }

    @Test
    void emptyTrainingSetIsRefused() {
        assertThatThrownBy(() -> build("full", 0, 1)).hasMessageContaining("at least 1 example");
    }

    @Test
    void epochPlanValidates() {
        assertThatThrownBy(() -> new EpochPlan(new int[2], new float[3], 0)).hasMessageContaining("weights has 3");
        assertThatThrownBy(() -> new EpochPlan(null, null, 0)).hasMessageContaining("indices");
        assertThatThrownBy(() -> new EpochPlan(new int[0], null, -1)).hasMessageContaining("forwardOnly");
        EpochPlan p = new EpochPlan(new int[] {1, 4}, new float[] {2f, 1f}, 7);
        assertThat(p.weight(0)).isEqualTo(2f);
        assertThat(p.size()).isEqualTo(2);
        assertThat(EpochPlan.of(new int[] {3}).weight(0)).isEqualTo(1f);
        assertThat(p).isEqualTo(new EpochPlan(new int[] {1, 4}, new float[] {2f, 1f}, 7)).hasSameHashCodeAs(
                new EpochPlan(new int[] {1, 4}, new float[] {2f, 1f}, 7));
    }

    @Test
    void planWeightsMustBeFiniteAndNonNegativeAndOnesAreNoWeights() {
        assertThatThrownBy(() -> new EpochPlan(new int[] {0}, new float[] {-1f}, 0)).hasMessageContaining("finite and >= 0");
        assertThatThrownBy(() -> new EpochPlan(new int[] {0}, new float[] {Float.NaN}, 0)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new EpochPlan(new int[] {0}, new float[] {Float.POSITIVE_INFINITY}, 0))
                .hasMessageContaining("finite");
        EpochPlan ones = new EpochPlan(new int[] {2, 0}, new float[] {1f, 1f}, 0);
        assertThat(ones.weights()).isNull();
        assertThat(ones.weighted()).isFalse();
        assertThat(ones).isEqualTo(EpochPlan.of(new int[] {2, 0}));
        assertThat(EpochPlan.all(3).indices()).containsExactly(0, 1, 2);
        assertThat(new EpochPlan(new int[] {1}, new float[] {0f}, 0).weighted()).isTrue();
    }

    @Test
    void theWordKeepStandsForAStudysKeptFraction() {
        PolicySpec ucb = PolicySpec.parse("ucb:keep,1.0,refresh=2");
        assertThat(ucb.usesKeep()).isTrue();
        assertThat(ucb).hasToString("ucb:keep,1.0,refresh=2");
        assertThat(PolicySpec.parse(ucb.toString())).isEqualTo(ucb);
        PolicySpec at = ucb.atKeep(0.3);
        assertThat(at.usesKeep()).isFalse();
        assertThat(at).isEqualTo(PolicySpec.ucb(0.3, 1.0, 0.2, 2)).hasToString("ucb:0.3,1.0,refresh=2");
        assertThat(at.atKeep(0.5)).isSameAs(at);
        assertThat(PolicySpec.parse("uniform:keep").atKeep(0.25)).hasToString("uniform:0.25");
        assertThat(PolicySpec.parse("eps-greedy:keep").atKeep(0.5)).isEqualTo(PolicySpec.parse("eps-greedy:0.5,0.2"));
        PolicySpec ib = PolicySpec.parse("infobatch:0.5");
        assertThat(ib.usesKeep()).isFalse();
        assertThat(ib.atKeep(0.3)).isSameAs(ib);
        assertThat(new PolicySpec.Full().atKeep(0.3)).isEqualTo(PolicySpec.parse("full"));
        assertThat(ucb.name()).isEqualTo("ucb");
        for (String keep : new String[] {"uniform:keep", "eps-greedy:keep,0.1", "ucb:keep"}) {
            assertThatThrownBy(() -> PolicySpec.parse(keep).build(10, 1)).as(keep)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("bad dynamic policy '" + PolicySpec.parse(keep) + "': F is 'keep'");
        }
        assertThatThrownBy(() -> PolicySpec.parse("uniform:keep").atKeep(1.5)).hasMessageContaining("F must be in (0,1]");
    }

    @Test
    void theCatalogueGivesTheParsersDefaults() {
        assertThat(DynamicPolicies.catalogue()).extracting(e -> e.name())
                .containsExactly("full", "uniform", "eps-greedy", "ucb", "infobatch");
        assertThat(DynamicPolicies.catalogue()).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(dev.winnow.catalogue.Entry.Kind.POLICY);
            assertThat(DynamicPolicies.FORMS).contains(e.usage());
        });
        assertThat(DynamicPolicies.entry("ucb").defaultOf("C")).isEqualTo(UcbPolicy.DEFAULT_C).isEqualTo(1.0);
        assertThat(DynamicPolicies.entry("eps-greedy").defaultOf("EPS")).isEqualTo(EpsilonGreedyPolicy.DEFAULT_EPSILON)
                .isEqualTo(0.2);
        assertThat(DynamicPolicies.entry("infobatch").defaultOf("DELTA")).isEqualTo(InfoBatchPolicy.DEFAULT_DELTA)
                .isEqualTo(0.875);
        assertThat(DynamicPolicies.entry("ucb").defaultOf("alpha")).isEqualTo(LossEmaPolicy.DEFAULT_ALPHA);
        assertThat(DynamicPolicies.entry("ucb").param("F").isRequired()).isTrue();
        assertThat(DynamicPolicies.entry("infobatch").source()).contains("Qin et al. 2024");
        assertThat(DynamicPolicies.entry("ucb").source()).contains("Raju et al. 2021");
        // the parser fills in exactly these defaults
        assertThat(PolicySpec.parse("ucb:0.3")).isEqualTo(PolicySpec.ucb(0.3, 1.0, 0.2, 0));
        assertThat(PolicySpec.parse("eps-greedy:0.3")).isEqualTo(PolicySpec.epsGreedy(0.3, 0.2, 0.2, 0));
        assertThat(PolicySpec.parse("infobatch:0.3")).isEqualTo(new PolicySpec.InfoBatch(0.3, 0.875));
        assertThatThrownBy(() -> DynamicPolicies.entry("nope")).hasMessage("unknown policy 'nope'");
        assertThat(DynamicPolicies.FORMS).startsWith("valid forms: full | uniform:F | eps-greedy:F[,EPS][,alpha=A]")
                .contains("C: weight of the loss's standard deviation, >= 0, default 1.0")
                .contains("DELTA: share of the epochs that prune; later ones use all data, (0,1], default 0.875");
    }

    @net.jqwik.api.Property(tries = 200)
    void everySpecRoundTripsThroughItsText(
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 4) int kind,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 1000) int permille,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 999) int second,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 100) int alphaPercent,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 5) int refresh,
            @net.jqwik.api.ForAll boolean keep) {
        Double f = keep ? null : permille / 1000.0;
        PolicySpec s = switch (kind) {
            case 0 -> new PolicySpec.Full();
            case 1 -> new PolicySpec.Uniform(f);
            case 2 -> PolicySpec.epsGreedy(f, second / 999.0, alphaPercent / 100.0, refresh);
            case 3 -> PolicySpec.ucb(f, second / 10.0, alphaPercent / 100.0, refresh);
            default -> new PolicySpec.InfoBatch(second / 1000.0, permille / 1000.0);
        };
        assertThat(PolicySpec.parse(s.toString())).as(s.toString()).isEqualTo(s);
        if (!s.usesKeep()) {
            assertThat(s.build(7, 1).name()).isEqualTo(s.toString());
        }
    }
}
