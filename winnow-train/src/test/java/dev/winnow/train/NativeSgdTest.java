package dev.winnow.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.model.ModelSpec;
import dev.winnow.train.model.ModelZoo;
import dev.winnow.train.model.ProxyNet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fused SGD step: v ← μ·v + η·(g + λ·w), w ← w − v, checked against that formula and DJL's own Sgd. */
class NativeSgdTest {
    private static final float MU = 0.9f;
    private static final float WD = 0.01f;

    private static void backward(ProxyNet net, ParameterStore ps, DataBundle data) {
        try (NDManager m = net.manager().newSubManager()) {
            float[] x = new float[8 * 3];
            for (int i = 0; i < 8; i++) {
                System.arraycopy(data.train().row(i), 0, x, i * 3, 3);
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray z = net.forward(ps, m.create(x, new Shape(8, 3)), true).logits();
                gc.backward(z.square().sum());
            }
        }
    }

    private static float[][] snapshot(List<Parameter> ps, boolean grads) {
        float[][] out = new float[ps.size()][];
        for (int i = 0; i < ps.size(); i++) {
            NDArray a = ps.get(i).getArray();
            if (grads) {
                try (NDArray g = a.getGradient()) {
                    out[i] = g.toFloatArray();
                }
            } else {
                out[i] = a.toFloatArray();
            }
        }
        return out;
    }

    @Test
    void threeStepsFollowTheFormulaAndZeroTheGradients() {
        DataBundle data = Synthetic.blobs(8, 3, 2, 4);
        Engine.getInstance().setRandomSeed(5);
        try (ProxyNet net = ModelZoo.build(ModelSpec.of("mlp").withHidden(List.of(4)), data)) {
            ParameterStore ps = new ParameterStore(net.manager(), false);
            ps.setParameterServer(new LocalParameterServer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build()),
                    new Device[] {net.manager().getDevice()});
            NativeSgd sgd = new NativeSgd(net.parameters(), MU, WD);
            float[][] v = new float[net.parameters().size()][];
            float[] rates = {0.1f, 0.05f, 0.02f};
            for (float lr : rates) {
                backward(net, ps, data);
                float[][] w = snapshot(net.parameters(), false);
                float[][] g = snapshot(net.parameters(), true);
                sgd.step(lr);
                float[][] after = snapshot(net.parameters(), false);
                for (int p = 0; p < w.length; p++) {
                    if (v[p] == null) {
                        v[p] = new float[w[p].length];
                    }
                    for (int j = 0; j < w[p].length; j++) {
                        v[p][j] = MU * v[p][j] + lr * (g[p][j] + WD * w[p][j]);
                        assertThat(after[p][j]).isCloseTo(w[p][j] - v[p][j], within(1e-6f));
                    }
                    assertThat(sgd.state(p).toFloatArray()).containsExactly(v[p], within(1e-6f));
                }
                for (float[] z : snapshot(net.parameters(), true)) {
                    assertThat(z).containsOnly(0f);
                }
            }
        }
    }

    @Test
    void itMatchesDjlsSgdBitForBit() {
        DataBundle data = Synthetic.blobs(8, 3, 2, 6);
        float[][][] result = new float[2][][];
        for (int run = 0; run < 2; run++) {
            Engine.getInstance().setRandomSeed(9);
            try (ProxyNet net = ModelZoo.build(ModelSpec.of("mlp").withHidden(List.of(4)), data)) {
                float[] lr = {0.1f};
                Tracker tracker = n -> lr[0];
                Optimizer opt = Optimizer.sgd().setLearningRateTracker(tracker).optMomentum(MU).optWeightDecays(WD).build();
                ParameterStore ps = new ParameterStore(net.manager(), false);
                ps.setParameterServer(new LocalParameterServer(opt), new Device[] {net.manager().getDevice()});
                NativeSgd sgd = new NativeSgd(net.parameters(), MU, WD);
                for (float rate : new float[] {0.1f, 0.07f, 0.03f}) {
                    backward(net, ps, data);
                    lr[0] = rate;
                    if (run == 0) {
                        sgd.step(rate);
                    } else {
                        ps.updateAllParameters();
                        for (Parameter p : net.parameters()) {
                            try (NDArray g = p.getArray().getGradient()) {
                                g.subi(g);
                            }
                        }
                    }
                }
                result[run] = snapshot(net.parameters(), false);
            }
        }
        for (int p = 0; p < result[0].length; p++) {
            assertThat(result[0][p]).containsExactly(result[1][p]);
        }
    }
}
