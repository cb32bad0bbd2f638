package dev.winnow.train;

import dev.winnow.policy.EpochPlan;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.policy.FixedPolicy;
import dev.winnow.policy.FullPolicy;
import dev.winnow.select.KeepList;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.model.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainingLoopTest {
    static TrainConfig.Builder mlp() {
        return TrainConfig.builder().setModel(ModelSpec.of("mlp").withHidden(List.of(16))).optBatchSize(16).optSeed(11);
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        DataBundle data = Synthetic.blobs(200, 4, 3, 1);
        TrainResult a = ProxyTrainer.train(data, mlp().optEpochs(2).build());
        TrainResult b = ProxyTrainer.train(data, mlp().optEpochs(2).build());
        TrainResult c = ProxyTrainer.train(data, mlp().optEpochs(2).optSeed(12).build());
        assertThat(b.epochs().get(1).trainLoss()).isEqualTo(a.epochs().get(1).trainLoss());
        assertThat(b.finalTestAccuracy()).isEqualTo(a.finalTestAccuracy());
        assertThat(c.epochs().get(1).trainLoss()).isNotEqualTo(a.epochs().get(1).trainLoss());
        assertThat(a.finalTestAccuracy()).isGreaterThan(0.8);
    }

    @Test
    void aKeepListWithWeightsTrainsOnlyThoseExamplesAndCountsThem() {
        DataBundle data = Synthetic.blobs(100, 4, 3, 2);
        long[] keep = {Synthetic.idOf(5), Synthetic.idOf(17), Synthetic.idOf(40), Synthetic.idOf(99)};
        float[] w = {1f, 2f, 0.5f, 3f};
        List<Long> seen = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        TrainingObserver obs = new TrainingObserver() {
            @Override
            public void onBatch(BatchResult b) {
                for (int k = 0; k < b.size(); k++) {
                    seen.add(b.ids()[k]);
                    weights.add(b.weights()[k]);
                    assertThat(b.losses()[k]).isPositive();
                }
            }
        };
        try (ProxyTrainer t = new ProxyTrainer(data, mlp().optEpochs(3).optBatchSize(3).build(), 0)) {
            double[] dw = new double[w.length];
            for (int j = 0; j < w.length; j++) {
                dw[j] = w[j];
            }
            TrainResult r = t.train(FixedPolicy.of(KeepList.given("test", keep, dw), data.train().ids()), List.of(obs));
            assertThat(r.examplesBackward()).isEqualTo(12);
            assertThat(r.examplesForward()).isEqualTo(12);
            assertThat(r.evalForward()).isEqualTo(3 * 50);
        }
        assertThat(seen).hasSize(12);
        for (int k = 0; k < seen.size(); k++) {
            int j = Arrays.stream(keep).boxed().toList().indexOf(seen.get(k));
            assertThat(j).isNotNegative();
            assertThat(weights.get(k)).isEqualTo(w[j]);
        }
    }

    @Test
    void zeroWeightsMeanNoLearning() {
        DataBundle data = Synthetic.blobs(120, 4, 3, 3);
        float[] zeros = new float[120];
        int[] all = new int[120];
        Arrays.setAll(all, i -> i);
        TrainConfig cfg = mlp().optEpochs(3).optMomentum(0f).build();
        try (ProxyTrainer t = new ProxyTrainer(data, cfg, 0)) {
            double before = t.accuracy(data.test());
            TrainResult r = t.train(new FixedPolicy(120, new EpochPlan(all, zeros, 0), "zeros"), List.of());
            assertThat(r.epochs()).allSatisfy(e -> assertThat(e.testAccuracy()).isEqualTo(before));
        }
        try (ProxyTrainer t = new ProxyTrainer(data, cfg, 0)) {
            double before = t.accuracy(data.test());
            TrainResult r = t.train(new FullPolicy(data.train().size()), List.of());
            assertThat(r.finalTestAccuracy()).isGreaterThan(before);
        }
    }

    @Test
    void aPolicyCanThinEpochsAndTheStoreMarksUnseenExamplesNaN(@TempDir Path tmp) {
        DataBundle data = Synthetic.blobs(60, 3, 2, 4);
        // epoch 1: all; epoch 2: the even indices only
        EpochPolicy plan = new EpochPolicy() {
            @Override
            public String name() {
                return "all, then the even indices";
            }

            @Override
            public int size() {
                return 60;
            }

            @Override
            public boolean wantsRefreshPass(int epoch) {
                return false;
            }

            @Override
            public EpochPlan plan(int epoch, int totalEpochs) {
                if (epoch == 1) {
                    return EpochPlan.all(60);
                }
                int[] even = new int[30];
                Arrays.setAll(even, k -> 2 * k);
                return EpochPlan.of(even);
            }

            @Override
            public void observe(int[] indices, float[] losses) {
            }
        };
        try (var w = dev.winnow.dynamics.DynamicsWriter.create(tmp.resolve("s"), 60, 2,
                java.util.EnumSet.allOf(dev.winnow.dynamics.Signal.class), false, false);
             ProxyTrainer t = new ProxyTrainer(data, mlp().optEpochs(2).build(), 0)) {
            w.labels(data.train().labels());
            TrainResult r = t.train(plan, List.of(new Recorder(w, new RecordOptions(new java.util.TreeSet<>(), false, false, false),
                    data.train())));
            w.commit();
            assertThat(r.epochs().get(1).examplesBackward()).isEqualTo(30);
        }
        var s = dev.winnow.dynamics.DynamicsStore.open(tmp.resolve("s"));
        for (int i = 0; i < 60; i++) {
            assertThat(Float.isNaN(s.signal("loss", 0).get(i))).isFalse();
            assertThat(Float.isNaN(s.signal("loss", 1).get(i))).isEqualTo(i % 2 == 1);
        }
    }

    @Test
    void schedules() {
        assertThat(Schedule.CONSTANT.factor(0.9)).isEqualTo(1);
        assertThat(Schedule.STEP.factor(0.49)).isEqualTo(1);
        assertThat(Schedule.STEP.factor(0.5)).isEqualTo(0.1);
        assertThat(Schedule.STEP.factor(0.8)).isEqualTo(0.01, within(1e-12));
        assertThat(Schedule.COSINE.factor(0)).isEqualTo(1);
        assertThat(Schedule.COSINE.factor(0.5)).isEqualTo(0.5, within(1e-12));
        assertThat(Schedule.COSINE.factor(1)).isEqualTo(0, within(1e-12));
    }

    @Test
    void metricsJsonHasThePerEpochLists(@TempDir Path tmp) throws Exception {
        DataBundle data = Synthetic.blobs(64, 3, 2, 5);
        new TrainJob(data, "blobs", mlp().optEpochs(2).build(), 2,
                new RecordOptions(new java.util.TreeSet<>(), false, false, false), false).execute(tmp, false, null);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("metrics.json").toFile());
        for (String k : List.of("train_loss", "test_accuracy", "examples_backward", "wall_seconds")) {
            assertThat(json.get(k).size()).as(k).isEqualTo(2);
        }
        assertThat(json.get("examples_backward").get(0).asLong()).isEqualTo(64);
        assertThat(json.get("runs").size()).isEqualTo(2);
        assertThat(json.get("runs").get(1).get("seed").asLong()).isEqualTo(12);
        assertThat(tmp.resolve("dynamics")).doesNotExist();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TrainJob(data, "blobs", mlp().optEpochs(2).build(), 1,
                new RecordOptions(new java.util.TreeSet<>(), false, false, false), false).execute(tmp, false, null))
                .hasMessageContaining("already exists (use --force");
    }
}
