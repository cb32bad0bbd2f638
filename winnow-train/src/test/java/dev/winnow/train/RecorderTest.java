package dev.winnow.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;
import dev.winnow.npy.NpyArray;
import dev.winnow.policy.FullPolicy;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.model.ModelSpec;
import dev.winnow.train.model.ProxyNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RecorderTest {
    static TrainConfig config(String model, int epochs, float lr) {
        return TrainConfig.builder().setModel(ModelSpec.of(model).withHidden(List.of(16))).optEpochs(epochs)
                .optBatchSize(32).optLearningRate(lr).optSeed(3).build();
    }

    static RecordOptions options(int epochs, boolean logits, boolean vog) {
        return new RecordOptions(RecordOptions.parseCheckpoints("all", epochs), logits, true, vog);
    }

    @Test
    void recordedSignalsEqualARecomputationFromTheRecordedLogits(@TempDir Path tmp) {
        DataBundle data = Synthetic.blobs(300, 6, 3, 1);
        new TrainJob(data, "blobs", config("mlp", 3, 0.05f), 2, options(3, true, false), true)
                .execute(tmp, false, null);
        DynamicsStore s = DynamicsStore.open(tmp.resolve("dynamics"));
        int n = s.examples();
        int c = s.classes();
        assertThat(s.observations()).hasSize(2 * 3 * 2); // runs × epochs × (presentation + checkpoint)
        assertThat(s.observations().get(0)).isEqualTo(new Observation(0, 1, ObservationKind.PRESENTATION));
        assertThat(s.observations().get(1)).isEqualTo(new Observation(0, 1, ObservationKind.CHECKPOINT));
        assertThat(s.observations().get(6).run()).isEqualTo(1);
        NpyArray logits = s.logits().orElseThrow();
        NpyArray features = s.features().orElseThrow();
        assertThat(features.shape()).containsExactly(2, n, 16);
        double[] out = new double[Signal.values().length];
        int checked = 0;
        for (int t = 0; t < s.observations().size(); t++) {
            Observation o = s.observations().get(t);
            boolean lastCheckpoint = o.kind() == ObservationKind.CHECKPOINT && o.epoch() == 3;
            FloatBuffer z = logits.floats((long) t * n * c, n * c);
            float[] zs = new float[n * c];
            z.get(zs);
            Map<Signal, FloatBuffer> rows = new HashMap<>();
            for (Signal sig : Signal.values()) {
                rows.put(sig, s.signal(sig.fileName(), t));
            }
            for (int i = 0; i < n; i++) {
                double h2 = Double.NaN;
                if (lastCheckpoint) {
                    FloatBuffer h = features.floats(((long) o.run() * n + i) * 16, 16);
                    h2 = 0;
                    for (int j = 0; j < 16; j++) {
                        h2 += h.get(j) * (double) h.get(j);
                    }
                }
                Signal.compute(zs, i * c, c, s.labels()[i], h2, out);
                for (Signal sig : Signal.values()) {
                    if (sig == Signal.GRAD_NORM && !lastCheckpoint) {
                        continue;
                    }
                    double recorded = rows.get(sig).get(i);
                    if (Math.abs(recorded - out[sig.ordinal()]) > 1e-5) {
                        assertThat(recorded).as("%s obs %d example %d", sig, t, i).isCloseTo(out[sig.ordinal()], within(1e-5));
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(12 * 300 * 8);
    }

    @Test
    void closedFormGradNormEqualsAPerExampleBackwardThroughTheLastLayer(@TempDir Path tmp) {
        DataBundle data = Synthetic.blobs(200, 5, 4, 2);
        TrainConfig cfg = config("mlp", 2, 0.05f);
        RecordOptions ro = new RecordOptions(new TreeSet<>(List.of(2)), false, false, false);
        try (DynamicsWriter w = DynamicsWriter.create(tmp.resolve("s"), 200, 4, EnumSet.allOf(Signal.class), false, false);
             ProxyTrainer t = new ProxyTrainer(data, cfg, 0)) {
            w.labels(data.train().labels());
            t.train(new FullPolicy(data.train().size()), List.of(new Recorder(w, ro, data.train())));
            w.commit();
            DynamicsStore s = DynamicsStore.open(tmp.resolve("s"));
            int cp = 2; // presentation 1, presentation 2, checkpoint 2
            assertThat(s.observations().get(cp)).isEqualTo(new Observation(0, 2, ObservationKind.CHECKPOINT));
            ProxyNet net = t.net();
            List<Parameter> head = net.headParameters();
            for (int i = 0; i < 200; i += 9) {
                double norm2 = 0;
                try (NDManager m = net.manager().newSubManager()) {
                    NDArray x = m.create(data.train().row(i), new Shape(1, 5));
                    float[] onehot = new float[4];
                    onehot[data.train().label(i)] = 1;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray z = net.forward(t.parameterStore(), x, false).logits();
                        NDArray loss = z.logSoftmax(1).mul(m.create(onehot, new Shape(1, 4))).sum().neg();
                        gc.backward(loss);
                    }
                    for (Parameter p : head) {
                        try (NDArray g = p.getArray().getGradient()) {
                            norm2 += g.square().sum().getFloat();
                            g.subi(g);
                        }
                    }
                    for (Parameter p : net.parameters()) {
                        if (p.getArray().hasGradient()) {
                            try (NDArray g = p.getArray().getGradient()) {
                                g.subi(g);
                            }
                        }
                    }
                }
                assertThat((double) s.signal("grad_norm", cp).get(i)).as("example %d", i)
                        .isCloseTo(Math.sqrt(norm2), within(1e-4));
            }
        }
    }

    @Test
    void everyRecordedIdKeepsItsLabelAndItsOutputsThroughShuffling(@TempDir Path tmp) {
        DataBundle data = Synthetic.blobs(257, 4, 3, 5);
        Map<Long, Integer> labelOfId = new HashMap<>();
        for (int i = 0; i < data.train().size(); i++) {
            labelOfId.put(data.train().id(i), data.train().label(i));
        }
        List<Long> seen = new ArrayList<>();
        TrainingObserver check = new TrainingObserver() {
            @Override
            public void onBatch(BatchResult b) {
                for (int k = 0; k < b.size(); k++) {
                    assertThat(b.labels()[k]).isEqualTo(labelOfId.get(b.ids()[k]));
                    assertThat(b.ids()[k]).isEqualTo(data.train().id(b.indices()[k]));
                    seen.add(b.ids()[k]);
                }
            }
        };
        // A frozen model (lr 0): the presentation logits, computed on shuffled batches, must equal the
        // checkpoint logits of the same examples computed in index order. A mix-up of ids would not.
        TrainConfig cfg = config("mlp", 2, 0f);
        try (DynamicsWriter w = DynamicsWriter.create(tmp.resolve("s"), 257, 3, EnumSet.allOf(Signal.class), true, false);
             ProxyTrainer t = new ProxyTrainer(data, cfg, 0)) {
            w.labels(data.train().labels()).ids(data.train().ids());
            t.train(new FullPolicy(data.train().size()), List.of(new Recorder(w, options(2, true, false), data.train()), check));
            w.commit();
        }
        assertThat(seen).hasSize(2 * 257);
        List<Long> allIds = new ArrayList<>(labelOfId.keySet());
        assertThat(seen.subList(0, 257)).containsExactlyInAnyOrderElementsOf(allIds);
        assertThat(seen.subList(257, 514)).containsExactlyInAnyOrderElementsOf(allIds);
        assertThat(seen.subList(0, 257)).isNotEqualTo(seen.subList(257, 514)); // epochs shuffled differently
        DynamicsStore s = DynamicsStore.open(tmp.resolve("s"));
        assertThat(s.ids()).containsExactly(data.train().ids());
        assertThat(s.labels()).containsExactly(data.train().labels());
        NpyArray logits = s.logits().orElseThrow();
        float[] pres = new float[257 * 3];
        float[] chk = new float[257 * 3];
        logits.floats(0, pres.length).get(pres);
        logits.floats(pres.length, chk.length).get(chk);
        for (int j = 0; j < pres.length; j++) {
            assertThat(pres[j]).isCloseTo(chk[j], within(1e-4f));
        }
    }

    @Test
    void vogIsZeroWhenTheInputGradientNeverChanges(@TempDir Path tmp) {
        DataBundle data = Synthetic.blobs(120, 5, 3, 7);
        new TrainJob(data, "blobs", config("mlp", 3, 0f), 1, options(3, false, true), true).execute(tmp, false, null);
        float[] vog = DynamicsStore.open(tmp.resolve("dynamics")).vog().orElseThrow().toFloatArray();
        assertThat(vog).hasSize(120).containsOnly(0f);
    }

    @Test
    void vogOfLogisticRegressionDependsOnlyOnTheClassAndOfAnMlpOnTheExample(@TempDir Path tmp) {
        DataBundle data = Synthetic.blobs(150, 5, 3, 8);
        // logreg: d z_y / d x = W_y, the same for every example of class y; it changes as W trains
        new TrainJob(data, "blobs", config("logreg", 3, 0.1f), 1, options(3, false, true), true)
                .execute(tmp.resolve("lr"), false, null);
        float[] vog = DynamicsStore.open(tmp.resolve("lr/dynamics")).vog().orElseThrow().toFloatArray();
        int[] y = data.train().labels();
        float[] first = {Float.NaN, Float.NaN, Float.NaN};
        for (int i = 0; i < vog.length; i++) {
            assertThat(vog[i]).isGreaterThan(0f);
            if (Float.isNaN(first[y[i]])) {
                first[y[i]] = vog[i];
            }
            assertThat(vog[i]).isCloseTo(first[y[i]], within(1e-5f * first[y[i]] + 1e-7f));
        }
        new TrainJob(data, "blobs", config("mlp", 3, 0.1f), 1, options(3, false, true), true)
                .execute(tmp.resolve("mlp"), false, null);
        float[] v2 = DynamicsStore.open(tmp.resolve("mlp/dynamics")).vog().orElseThrow().toFloatArray();
        long distinct = 0;
        for (int i = 1; i < v2.length; i++) {
            if (y[i] == y[0] && Math.abs(v2[i] - v2[0]) > 1e-4 * v2[0]) {
                distinct++;
            }
        }
        assertThat(distinct).as("mlp VoG varies within a class").isGreaterThan(10);
    }

    @Test
    void vogMatchesTheTwoPassDefinition() {
        // two checkpoints with gradients a and b: per dim std = |a − b| / 2
        float[] mean = new float[4];
        float[] m2 = new float[4];
        float[][] g = {{1, 2, 3, 4}, {3, 2, -1, 4}};
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 4; j++) {
                float delta = g[k][j] - mean[j];
                mean[j] += delta / (k + 1);
                m2[j] += delta * (g[k][j] - mean[j]);
            }
        }
        float[] v = Recorder.vog(mean, m2, 2, 2, 2);
        assertThat(v[0]).isCloseTo((1f + 0f) / 2, within(1e-6f)); // dims |1−3|/2=1, |2−2|/2=0
        assertThat(v[1]).isCloseTo((2f + 0f) / 2, within(1e-6f)); // |3+1|/2=2, 0
    }
}
