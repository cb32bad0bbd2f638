package dev.winnow.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.winnow.WinnowException;
import dev.winnow.train.data.Examples;
import dev.winnow.train.data.ResidentSplit;
import dev.winnow.train.model.ProxyNet;

/**
 * The passes of a {@link ProxyTrainer}'s model outside its training steps: eval-mode forward passes over a
 * whole split (logits, ‖h‖² and optionally the features h, in batches of the evaluation batch size) and the
 * gradients of the true-class logit with respect to the inputs. The trainer counts the examples passed.
 */
final class ModelPasses {
    private final ProxyNet net;
    private final ParameterStore ps;
    private final int classes;
    private final int batchSize;

    ModelPasses(ProxyNet net, ParameterStore ps, int classes, int batchSize) {
        this.net = net;
        this.ps = ps;
        this.classes = classes;
        this.batchSize = batchSize;
    }

    /**
     * Eval-mode forward over all of {@code examples}: batches are taken from {@code split} (the engine-resident
     * copy) when there is one, else copied from the heap.
     */
    RunContext.Outputs forwardAll(Examples examples, ResidentSplit split, boolean withFeatures) {
        int n = examples.size();
        int c = classes;
        int d = net.featureDim();
        if (withFeatures && (long) n * d > Integer.MAX_VALUE - 16) {
            throw new WinnowException("features of " + n + " examples × " + d + " values do not fit one array");
        }
        float[] logits = new float[n * c];
        float[] h2 = new float[n];
        float[] feats = withFeatures ? new float[n * d] : null;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            int b = to - from;
            try (NDManager bm = net.manager().newSubManager()) {
                NDArray x = split != null ? split.range(bm, from, to, net.minLength())
                        : ResidentSplit.heapRange(examples, bm, from, to, net.minLength());
                ProxyNet.Output o = net.forward(ps, x, false);
                if (feats != null) {
                    float[] h = o.features().toFloatArray();
                    System.arraycopy(o.logits().toFloatArray(), 0, logits, from * c, b * c);
                    System.arraycopy(rowSquaredNorms(h, b), 0, h2, from, b);
                    System.arraycopy(h, 0, feats, from * d, b * d);
                } else {
                    // One copy to the host: [logits | ‖h‖²] per row.
                    NDArray sq = o.features().square().sum(new int[] {1}, true);
                    float[] v = o.logits().concat(sq, 1).toFloatArray();
                    for (int k = 0; k < b; k++) {
                        System.arraycopy(v, k * (c + 1), logits, (from + k) * c, c);
                        h2[from + k] = v[k * (c + 1) + c];
                    }
                }
            }
        }
        return new RunContext.Outputs(logits, h2, feats, c, d);
    }

    /** ∂(true-class logit)/∂x of examples [from, to), row-major; the parameters' gradients are zeroed after. */
    float[] inputGradients(Examples examples, int from, int to) {
        if (examples.isText()) {
            throw new WinnowException("input gradients need continuous inputs; text models take token ids");
        }
        int b = to - from;
        int c = classes;
        int[] order = new int[b];
        float[] onehot = new float[b * c];
        for (int k = 0; k < b; k++) {
            order[k] = from + k;
            onehot[k * c + examples.label(from + k)] = 1f;
        }
        float[] g;
        try (NDManager bm = net.manager().newSubManager()) {
            NDArray x = examples.batch(bm, order, 0, b, 1);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ProxyNet.Output o = net.forward(ps, x, false);
                gc.backward(o.logits().mul(bm.create(onehot, new Shape(b, c))).sum());
            }
            try (NDArray grad = x.getGradient()) {
                g = grad.toFloatArray();
            }
            zeroGradients(net);
        }
        return g;
    }

    /** ‖row‖² of each of the {@code rows} rows of a row-major matrix (on the host: one copy, no extra native ops). */
    static float[] rowSquaredNorms(float[] m, int rows) {
        int d = m.length / rows;
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = r * d; j < (r + 1) * d; j++) {
                s += (double) m[j] * m[j];
            }
            out[r] = (float) s;
        }
        return out;
    }

    /** Sets every gradient of {@code net}'s parameters to zero. */
    static void zeroGradients(ProxyNet net) {
        for (Parameter p : net.parameters()) {
            NDArray a = p.getArray();
            if (a.hasGradient()) {
                try (NDArray g = a.getGradient()) {
                    g.subi(g);
                }
            }
        }
    }
}
