package dev.winnow.policy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyPropertiesTest {

    /** A deterministic stand-in for a training loop's per-example losses. */
    private static float fakeLoss(int index, int epoch) {
        return (float) ((index * 7919L + epoch * 104729L) % 1000) / 100f;
    }

    /** Runs the loop protocol for {@code epochs} epochs and returns the plans. */
    private static List<EpochPlan> run(EpochPolicy p, int epochs) {
        List<EpochPlan> plans = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            if (p.wantsRefreshPass(e)) {
                int[] all = Picks.all(p.size());
                float[] l = new float[all.length];
                for (int i : all) {
                    l[i] = fakeLoss(i, e);
                }
                p.observe(all, l);
            }
            EpochPlan plan = p.plan(e, epochs);
            plans.add(plan);
            int[] idx = plan.indices();
            float[] l = new float[idx.length];
            for (int j = 0; j < idx.length; j++) {
                l[j] = fakeLoss(idx[j], e);
            }
            p.observe(idx, l);
        }
        return plans;
    }

    @Property(tries = 150)
    void budgetedPoliciesTrainOnExactlyTheBudgetEveryEpoch(
            @ForAll @IntRange(min = 1, max = 300) int n,
            @ForAll @Scale(4) @DoubleRange(min = 0.001, max = 1.0) double f,
            @ForAll @Scale(4) @DoubleRange(min = 0.0, max = 1.0) double eps,
            @ForAll long seed) {
        int k = Math.max(1, (int) Math.floor(f * n));
        for (EpochPolicy p : List.of(
                new UniformPolicy(n, seed, f),
                new EpsilonGreedyPolicy(n, seed, PolicySpec.epsGreedy(f, eps)),
                new UcbPolicy(n, seed, PolicySpec.ucb(f, eps * 3, 0.3, 2)))) {
            for (EpochPlan plan : run(p, 5)) {
                assertThat(plan.indices()).as(p.name()).hasSize(k).isSorted().doesNotHaveDuplicates();
                assertThat(java.util.Arrays.stream(plan.indices()).boxed().toList()).allSatisfy(i -> assertThat(i).isBetween(0, n - 1));
                assertThat(plan.weights()).isNull();
            }
        }
    }

    @Property(tries = 100)
    void infoBatchKeepsAllButSomeBelowMeanAndWeightsThemUp(
            @ForAll @IntRange(min = 1, max = 300) int n,
            @ForAll @Scale(4) @DoubleRange(min = 0.0, max = 0.99) double r,
            @ForAll long seed) {
        InfoBatchPolicy p = new InfoBatchPolicy(n, seed, r);
        List<EpochPlan> plans = run(p, 8);
        assertThat(plans.get(0).size()).isEqualTo(n); // nothing observed yet
        assertThat(plans.get(7).size()).isEqualTo(n); // annealing: epoch 8, and 8 − 1 ≥ 0.875·8
        for (EpochPlan plan : plans) {
            assertThat(plan.indices()).isSorted().doesNotHaveDuplicates();
            for (int j = 0; j < plan.size(); j++) {
                assertThat(plan.weight(j)).isIn(1f, p.keptWeight());
            }
        }
    }

    @Property(tries = 30)
    void sameSeedSameChoices(@ForAll long seed) {
        for (String spec : List.of("uniform:0.3", "eps-greedy:0.3,0.5", "ucb:0.3,1.0,refresh=2", "infobatch:0.5")) {
            List<EpochPlan> a = run(PolicySpec.parse(spec).build(97, seed), 6);
            List<EpochPlan> b = run(PolicySpec.parse(spec).build(97, seed), 6);
            assertThat(a).as(spec).isEqualTo(b);
            List<EpochPlan> c = run(PolicySpec.parse(spec).build(97, seed + 1), 6);
            assertThat(c).as(spec + " with another seed").isNotEqualTo(a);
        }
    }
}
