package dev.winnow.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.policy.EpochPlan;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.policy.ForwardingPolicy;
import dev.winnow.policy.FixedPolicy;
import dev.winnow.policy.FullPolicy;
import dev.winnow.policy.LossEmaPolicy;
import dev.winnow.policy.PolicySpec;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.model.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** A dynamic {@link EpochPolicy} of the core driving the real training loop (DJL, PyTorch, 1 thread). */
class DynamicTrainingTest {
    static EpochPolicy policy(String spec, int n, long seed) {
        return PolicySpec.parse(spec).build(n, seed);
    }

    /** A policy that remembers the plan of its latest epoch. */
    static class LastPlan extends ForwardingPolicy {
        EpochPlan last;

        LastPlan(EpochPolicy inner) {
            super(inner);
        }

        @Override
        public EpochPlan plan(int epoch, int totalEpochs) {
            last = inner.plan(epoch, totalEpochs);
            return last;
        }
    }

    static TrainConfig.Builder mlp() {
        return TrainConfig.builder().setModel(ModelSpec.of("mlp").withHidden(List.of(16))).optBatchSize(16).optSeed(5);
    }

    static RecordOptions noRecord() {
        return new RecordOptions(new TreeSet<>(), false, false, false);
    }

    /** Every batch of a run: epoch, ids, weights (1 where unweighted), losses, learning rate. */
    static final class Batches implements TrainingObserver {
        final List<BatchResult> all = new ArrayList<>();

        @Override
        public void onBatch(BatchResult b) {
            all.add(b);
        }

        /** The ids trained on in {@code epoch} (1-based), sorted. */
        List<Long> ids(int epoch) {
            List<Long> out = new ArrayList<>();
            for (BatchResult b : all) {
                if (b.epoch() == epoch) {
                    for (long id : b.ids()) {
                        out.add(id);
                    }
                }
            }
            out.sort(null);
            return out;
        }

        List<Float> weights(int epoch) {
            List<Float> out = new ArrayList<>();
            for (BatchResult b : all) {
                if (b.epoch() == epoch) {
                    for (int k = 0; k < b.size(); k++) {
                        out.add(b.weights() == null ? 1f : b.weights()[k]);
                    }
                }
            }
            return out;
        }
    }

    static JsonNode metrics(Path dir) throws Exception {
        return new ObjectMapper().readTree(dir.resolve(TrainJob.METRICS).toFile());
    }

    static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asLong()));
        return out;
    }

    @Test
    void perEpochBackwardCountsInMetricsMatchTheBudget(@TempDir Path tmp) throws Exception {
        DataBundle data = Synthetic.blobs(203, 4, 3, 1);
        int n = data.train().size();
        String[][] cases = {{"uniform:0.3", "60"}, {"eps-greedy:0.5,0.1", "101"}, {"ucb:0.3,1", "60"}};
        for (String[] c : cases) {
            Path out = tmp.resolve(c[0].replace(':', '_'));
            new TrainJob(data, "blobs", mlp().optEpochs(4).build(), 2, noRecord(), false)
                    .withPlans(seed -> policy(c[0], n, seed))
                    .execute(out, false, null);
            JsonNode m = metrics(out);
            long k = Long.parseLong(c[1]); // floor(F * 203)
            assertThat(m.get("policy").asText()).isEqualTo(PolicySpec.parse(c[0]).toString());
            assertThat(longs(m.get("examples_backward"))).as(c[0]).containsExactly(k, k, k, k);
            assertThat(longs(m.get("examples_forward"))).as(c[0]).containsExactly(k, k, k, k);
            assertThat(longs(m.get("examples_forward_only"))).as(c[0]).containsExactly(0L, 0L, 0L, 0L);
            assertThat(m.get("total_examples_backward").asLong()).isEqualTo(4 * k);
            assertThat(longs(m.get("runs").get(1).get("examples_backward"))).containsExactly(k, k, k, k);
        }
        Path full = tmp.resolve("full");
        new TrainJob(data, "blobs", mlp().optEpochs(2).build(), 1, noRecord(), false).execute(full, false, null);
        assertThat(metrics(full).get("policy").asText()).isEqualTo("full");
        assertThat(longs(metrics(full).get("examples_backward"))).containsExactly((long) n, (long) n);
    }

    @Test
    void infoBatchPrunesWithWeightsThenTrainsOnAllDataInTheLastEpochs() {
        DataBundle data = Synthetic.blobs(240, 4, 3, 2);
        int n = data.train().size();
        Batches seen = new Batches();
        LastPlan plan = new LastPlan(policy("infobatch:0.5", n, 9)); // delta 0.875: epoch 8 of 8 is full
        TrainResult r;
        try (ProxyTrainer t = new ProxyTrainer(data, mlp().optEpochs(8).build(), 0)) {
            r = t.train(plan, List.of(seen));
        }
        List<Long> backward = r.epochs().stream().map(EpochMetrics::examplesBackward).toList();
        assertThat(backward.get(0)).isEqualTo(n); // nothing observed yet: all kept
        for (int e = 2; e <= 7; e++) {
            assertThat(backward.get(e - 1)).as("epoch " + e).isLessThan(n).isGreaterThan(n / 2);
            assertThat(seen.weights(e)).as("epoch " + e).contains(2f).containsOnly(1f, 2f);
        }
        assertThat(backward.get(7)).isEqualTo(n);
        assertThat(seen.ids(8)).hasSize(n).doesNotHaveDuplicates();
        assertThat(seen.weights(8)).containsOnly(1f);
        for (int e = 1; e <= 8; e++) {
            assertThat(seen.ids(e)).hasSize(backward.get(e - 1).intValue()).doesNotHaveDuplicates();
        }
        assertThat(plan.last.size()).isEqualTo(n);
    }

    /** Drops the weights of every plan: the same examples, unweighted. */
    static EpochPolicy unweighted(EpochPolicy p) {
        return new LastPlan(p) {
            @Override
            public EpochPlan plan(int epoch, int totalEpochs) {
                return EpochPlan.of(super.plan(epoch, totalEpochs).indices());
            }
        };
    }

    @Test
    void thePolicysWeightsReachTheLoss() {
        DataBundle data = Synthetic.blobs(240, 4, 3, 3);
        int n = data.train().size();
        TrainConfig cfg = mlp().optEpochs(3).optMomentum(0f).build();
        Batches a = new Batches();
        Batches b = new Batches();
        TrainResult weighted;
        TrainResult plain;
        try (ProxyTrainer t = new ProxyTrainer(data, cfg, 0)) {
            weighted = t.train(policy("infobatch:0.5", n, 4), List.of(a));
        }
        try (ProxyTrainer t = new ProxyTrainer(data, cfg, 0)) {
            plain = t.train(unweighted(policy("infobatch:0.5", n, 4)), List.of(b));
        }
        // epoch 1 is full data in both: identical; epoch 2 picks the same examples from the same losses,
        // and its first batch (before any weighted update) has the same losses
        assertThat(plain.epochs().get(0).trainLoss()).isEqualTo(weighted.epochs().get(0).trainLoss());
        assertThat(b.ids(2)).isEqualTo(a.ids(2));
        BatchResult firstA = a.all.stream().filter(x -> x.epoch() == 2).findFirst().orElseThrow();
        BatchResult firstB = b.all.stream().filter(x -> x.epoch() == 2).findFirst().orElseThrow();
        assertThat(firstB.losses()).containsExactly(firstA.losses());
        assertThat(firstA.weights()).contains(2f);
        // after weighted updates the runs part
        assertThat(plain.epochs().get(1).trainLoss()).isNotEqualTo(weighted.epochs().get(1).trainLoss());
    }

    @Test
    void weightTwoEverywhereEqualsTwiceTheLearningRate() {
        // plain SGD: the gradient of sum(2·loss)/B is twice that of sum(loss)/B, so lr·(2g) = (2·lr)·g
        DataBundle data = Synthetic.blobs(96, 4, 3, 4);
        int n = data.train().size();
        float[] twos = new float[n];
        java.util.Arrays.fill(twos, 2f);
        int[] all = EpochPlan.all(n).indices();
        TrainConfig base = mlp().optEpochs(2).optMomentum(0f).optLearningRate(0.02f).optSchedule(Schedule.CONSTANT).build();
        TrainConfig doubled = mlp().optEpochs(2).optMomentum(0f).optLearningRate(0.04f).optSchedule(Schedule.CONSTANT).build();
        TrainResult w2;
        TrainResult lr2;
        TrainResult w1;
        try (ProxyTrainer t = new ProxyTrainer(data, base, 0)) {
            w2 = t.train(new FixedPolicy(n, new EpochPlan(all, twos, 0), "twos"), List.of());
        }
        try (ProxyTrainer t = new ProxyTrainer(data, doubled, 0)) {
            lr2 = t.train(new FullPolicy(n), List.of());
        }
        try (ProxyTrainer t = new ProxyTrainer(data, base, 0)) {
            w1 = t.train(new FullPolicy(n), List.of());
        }
        assertThat(w2.epochs().get(1).trainLoss()).isCloseTo(lr2.epochs().get(1).trainLoss(), within(1e-5));
        assertThat(Math.abs(w2.epochs().get(1).trainLoss() - w1.epochs().get(1).trainLoss())).isGreaterThan(1e-3);
    }

    @Test
    void aRefreshPassIsRunObservedAndPaidFor(@TempDir Path tmp) throws Exception {
        DataBundle data = Synthetic.blobs(150, 4, 3, 5);
        int n = data.train().size();
        List<EpochPolicy> plans = new ArrayList<>();
        // refresh=2: before epochs 3 and 5 (1 + 2, 1 + 4)
        new TrainJob(data, "blobs", mlp().optEpochs(5).build(), 1, noRecord(), false)
                .withPlans(seed -> {
                    EpochPolicy p = policy("ucb:0.3,1,refresh=2", n, seed);
                    plans.add(p);
                    return p;
                })
                .execute(tmp, false, null);
        JsonNode m = metrics(tmp);
        long k = 45;
        assertThat(longs(m.get("examples_forward_only"))).containsExactly(0L, 0L, (long) n, 0L, (long) n);
        assertThat(longs(m.get("examples_backward"))).containsExactly(k, k, k, k, k);
        assertThat(m.get("total_examples_forward_only").asLong()).isEqualTo(2L * n);
        assertThat(m.get("refresh_seconds").get(2).asDouble()).isPositive();
        assertThat(m.get("refresh_seconds").get(0).asDouble()).isZero();
        assertThat(m.get("phase_seconds").get("refresh").asDouble()).isPositive();
        for (int e = 0; e < 5; e++) {
            double parts = m.get("refresh_seconds").get(e).asDouble() + m.get("plan_seconds").get(e).asDouble()
                    + m.get("train_seconds").get(e).asDouble() + m.get("record_seconds").get(e).asDouble()
                    + m.get("eval_seconds").get(e).asDouble();
            assertThat(m.get("wall_seconds").get(e).asDouble()).isGreaterThanOrEqualTo(parts - 1e-6);
        }
        // the policy saw every training loss plus one loss per example from each refresh pass
        LossEmaPolicy ucb = (LossEmaPolicy) plans.get(0);
        long observations = 0;
        for (int i = 0; i < n; i++) {
            observations += ucb.observations(i);
        }
        assertThat(observations).isEqualTo(5 * k + 2L * n);
    }

    @Test
    void refreshLossesAreTheEvalModeCrossEntropy() {
        float[] z = {1f, 2f, 0.5f};
        double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(0.5));
        assertThat(dev.winnow.dynamics.Signal.loss(z, 0, 3, 2)).isCloseTo((float) (lse - 0.5), within(1e-6f));
        assertThat(dev.winnow.dynamics.Signal.loss(new float[] {0f, 1000f, 0f}, 0, 3, 1)).isCloseTo(0f, within(1e-6f));
    }

    @Test
    void sameSeedSameChoicesOtherSeedOtherChoices() {
        DataBundle data = Synthetic.blobs(180, 4, 3, 6);
        int n = data.train().size();
        List<List<List<Long>>> runs = new ArrayList<>();
        for (long policySeed : new long[] {7, 7, 8}) {
            Batches seen = new Batches();
            try (ProxyTrainer t = new ProxyTrainer(data, mlp().optEpochs(4).build(), 0)) {
                t.train(policy("eps-greedy:0.3,0.2", n, policySeed), List.of(seen));
            }
            List<List<Long>> perEpoch = new ArrayList<>();
            for (int e = 1; e <= 4; e++) {
                perEpoch.add(seen.ids(e));
            }
            runs.add(perEpoch);
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(2)).isNotEqualTo(runs.get(0));
        for (List<Long> epoch : runs.get(0)) {
            assertThat(epoch).hasSize(54).doesNotHaveDuplicates();
        }
        // ids are the dataset's ids, never the indices
        assertThat(runs.get(0).get(0)).allSatisfy(id -> assertThat(id).isGreaterThanOrEqualTo(1000));
    }

    @Test
    void theScheduleFollowsEpochsNotStepsWhenEpochsAreThinned() {
        // 200 examples, 25% per epoch, batch 10: 5 steps per epoch instead of 20. The step schedule drops
        // ×0.1 at half of the epochs (loop epoch 3 of 4) and ×0.01 at three quarters (epoch 4); a schedule
        // that counted steps against full epochs would still be at the base rate in epoch 3.
        DataBundle data = Synthetic.blobs(200, 4, 3, 7);
        Batches seen = new Batches();
        float base = 0.05f;
        TrainConfig cfg = mlp().optEpochs(4).optBatchSize(10).optLearningRate(base).optSchedule(Schedule.STEP).build();
        try (ProxyTrainer t = new ProxyTrainer(data, cfg, 0)) {
            t.train(policy("uniform:0.25", 200, 1), List.of(seen));
        }
        assertThat(seen.all).hasSize(4 * 5);
        double[] expected = {base, base, base * 0.1, base * 0.01};
        for (BatchResult b : seen.all) {
            assertThat((double) b.learningRate()).as("epoch %d batch %d", b.epoch(), b.batch())
                    .isCloseTo(expected[b.epoch() - 1], within(1e-7));
        }
        // cosine: the first step of epoch e runs at factor((e - 1) / E)
        Batches cos = new Batches();
        try (ProxyTrainer t = new ProxyTrainer(data, mlp().optEpochs(4).optBatchSize(10).optLearningRate(base).build(), 0)) {
            t.train(policy("uniform:0.25", 200, 1), List.of(cos));
        }
        for (BatchResult b : cos.all) {
            double p = (b.epoch() - 1 + b.batch() / 5.0) / 4;
            assertThat((double) b.learningRate()).isCloseTo(base * Schedule.COSINE.factor(p), within(1e-7));
        }
    }

    @Test
    void aPolicyDrivesOneRunOfItsOwnSize() {
        DataBundle data = Synthetic.blobs(60, 3, 2, 8);
        EpochPolicy wrongSize = policy("uniform:0.5", 59, 1);
        try (ProxyTrainer t = new ProxyTrainer(data, mlp().optEpochs(1).build(), 0)) {
            assertThatThrownBy(() -> t.train(wrongSize, List.of())).hasMessageContaining("built for 59 examples");
        }
        LastPlan once = new LastPlan(policy("uniform:0.5", 60, 1));
        try (ProxyTrainer t = new ProxyTrainer(data, mlp().optEpochs(1).build(), 0)) {
            t.train(once, List.of());
            EpochPlan last = once.last;
            assertThat(last.size()).isEqualTo(30);
            assertThatThrownBy(() -> t.train(once, List.of())).hasMessageContaining("one run");
        }
    }
}
