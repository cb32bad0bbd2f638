package dev.winnow.train.djl;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomSampler;
import ai.djl.training.listener.TrainingListenerAdapter;
import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;
import dev.winnow.policy.EpochPlan;
import dev.winnow.policy.FixedPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DJL listener records a store from EasyTrain.fit: observations, ids, signals, and nothing on a crash. */
class DynamicsListenerTest {
    @TempDir
    Path dir;

    private static float[] row(DynamicsStore s, String signal, int t) {
        float[] r = new float[s.examples()];
        s.signal(signal, t).get(r);
        return r;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s / v.length;
    }

    private String[] leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void fitRecordsPresentationsAndCheckpointsWhoseSignalsAreTheCoresOfTheFinalModel() throws Exception {
        try (DjlFixture f = new DjlFixture()) {
            Path out = dir.resolve("store");
            DynamicsListener rec = DynamicsListener.builder(out, f.ids, f.labels, DjlFixture.C)
                    .checkpoints(f.dataset(new BatchSampler(new RandomSampler(), 16)))
                    .withHeadInput().epochs(4).provenance("dataset", "fixture").build();
            var train = f.dataset(new BatchSampler(new RandomSampler(), 16, false));
            float[] finalLogits;
            float[] finalH2;
            try (Trainer t = f.trainer(new WeightedSoftmaxCrossEntropyLoss(), rec)) {
                EasyTrain.fit(t, 4, train, null);
                assertThat(rec.store()).isEmpty();                    // only when training ends
                NDList o = t.evaluate(new NDList(f.manager.create(f.x, new Shape(DjlFixture.N, DjlFixture.D))));
                finalLogits = o.get(0).toFloatArray();
                finalH2 = BatchOutputs.squaredNorms(o, DjlFixture.N);
            }
            assertThat(rec.store()).contains(out);
            assertThat(leftovers()).containsExactly("store");
            DynamicsStore s = DynamicsStore.open(out);
            assertThat(s.ids()).containsExactly(f.ids);
            assertThat(s.labels()).containsExactly(f.labels);
            assertThat(s.observations()).hasSize(8);
            assertThat(s.observations().get(6)).isEqualTo(new Observation(0, 4, ObservationKind.PRESENTATION));
            assertThat(s.observations().get(7)).isEqualTo(new Observation(0, 4, ObservationKind.CHECKPOINT));
            assertThat(s.manifest().provenance()).containsEntry("dataset", "fixture");
            assertThat(s.hasSignal("grad_norm")).isTrue();
            for (int t = 0; t < 8; t += 2) {
                assertThat(row(s, "loss", t)).doesNotContain(Float.NaN);    // every example presented each epoch
            }
            // the last checkpoint is exactly the core's signals of the final model's outputs
            double[] sig = new double[Signal.values().length];
            for (int i = 0; i < DjlFixture.N; i++) {
                Signal.compute(finalLogits, i * DjlFixture.C, DjlFixture.C, f.labels[i], finalH2[i], sig);
                for (Signal g : Signal.values()) {
                    assertThat(row(s, g.fileName(), 7)[i]).as(g + " of " + i).isEqualTo((float) sig[g.ordinal()]);
                }
            }
            // it learns: the checkpoints' accuracy rises and their loss falls
            assertThat(mean(row(s, "correct", 7))).isGreaterThan(mean(row(s, "correct", 1))).isGreaterThan(0.85);
            assertThat(mean(row(s, "loss", 7))).isLessThan(mean(row(s, "loss", 1)));
        }
    }

    @Test
    void aRunThatStopsInsideAnEpochLeavesNothing() throws Exception {
        try (DjlFixture f = new DjlFixture()) {
            DynamicsListener rec = DynamicsListener.builder(dir.resolve("store"), f.ids, f.labels, DjlFixture.C).build();
            TrainingListenerAdapter crash = new TrainingListenerAdapter() {
                private int batches;

                @Override
                public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                    if (++batches == 8) {
                        throw new IllegalStateException("crash in epoch 2");
                    }
                }
            };
            var train = f.dataset(new BatchSampler(new RandomSampler(), 16, false));
            assertThatThrownBy(() -> {
                try (Trainer t = f.trainer(new WeightedSoftmaxCrossEntropyLoss(), rec, crash)) {
                    EasyTrain.fit(t, 3, train, null);
                }
            }).hasMessage("crash in epoch 2");
            assertThat(rec.epochs()).isEqualTo(1);
            assertThat(rec.store()).isEmpty();
            assertThat(leftovers()).isEmpty();
        }
    }

    @Test
    void anExampleTwiceInOneEpochIsRefusedAndNothingIsWritten() throws Exception {
        try (DjlFixture f = new DjlFixture()) {
            DynamicsListener rec = DynamicsListener.builder(dir.resolve("store"), f.ids, f.labels, DjlFixture.C).build();
            PruningSampler twice = new PruningSampler(
                    new FixedPolicy(DjlFixture.N, EpochPlan.of(new int[] {4, 5, 4}), "index 4 twice"), 1, 1, 0);
            var train = f.dataset(twice);
            assertThatThrownBy(() -> {
                try (Trainer t = f.trainer(new WeightedSoftmaxCrossEntropyLoss(), rec)) {
                    EasyTrain.fit(t, 1, train, null);
                }
            }).isInstanceOf(WinnowException.class)
                    .hasMessage("example index 4 (id 1012) was presented twice in epoch 1; a presentation observation "
                            + "holds one output per example");
            assertThat(leftovers()).isEmpty();
        }
    }

    @Test
    void badLabelsAreRefusedWhenBuilding() {
        assertThatThrownBy(() -> DynamicsListener.builder(dir.resolve("s"), new long[] {1, 2}, new int[] {0, 3}, 3).build())
                .hasMessage("label 3 of example index 1 is outside [0, 3)");
        assertThatThrownBy(() -> DynamicsListener.builder(dir.resolve("s"), new long[] {1}, new int[] {0, 1}, 3))
                .hasMessageContaining("parallel");
    }
}
