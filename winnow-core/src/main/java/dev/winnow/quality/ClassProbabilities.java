package dev.winnow.quality;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.npy.NpyArray;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Predicted class probabilities p(class | example) for confident learning, read from a store's
 * {@code logits.npy} (softmax of each observation's logits, averaged over the observations a
 * {@link Source} names in every run; NaN rows left out). N × C floats, row-major.
 */
public final class ClassProbabilities {
    private ClassProbabilities() {
    }

    /** Which observations the probabilities average. */
    public enum Source {
        /**
         * Every presentation of every epoch: each is computed before the step on its own batch, but from the
         * second epoch on the model has already trained on the example (in-sample). Free: the training step's
         * own outputs.
         */
        PRESENTATIONS,
        /**
         * The presentations of epoch 1 only: each is computed before the model has ever trained on the example,
         * so it is out-of-sample (a prequential estimate), from a model that improves along the epoch. Free as
         * well; no extra training.
         */
        FIRST_EPOCH;

        /** The name on the command line. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Parses {@code presentations} or {@code first-epoch}; a usage error otherwise. */
        public static Source parse(String s) {
            for (Source v : values()) {
                if (v.cliName().equals(s)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("--probabilities must be presentations or first-epoch, got '" + s + "'");
        }

        boolean reads(Observation o) {
            return o.kind() == ObservationKind.PRESENTATION && (this == PRESENTATIONS || o.epoch() == 1);
        }
    }

    /** The mean softmax over the observations {@code source} names; fails when the store lacks them or logits. */
    public static float[] of(DynamicsStore store, Source source) {
        NpyArray logits = store.logits().orElseThrow(() -> new WinnowException(store.dir()
                + ": confident learning needs logits.npy (every class's logit at each observation); record them "
                + "with winnow train --record-logits, or import them with winnow import"));
        List<Integer> rows = new ArrayList<>();
        for (int t = 0; t < store.observations().size(); t++) {
            if (source.reads(store.observations().get(t))) {
                rows.add(t);
            }
        }
        if (rows.isEmpty()) {
            throw new WinnowException(store.dir() + ": --probabilities " + source.cliName()
                    + " needs presentation observations" + (source == Source.FIRST_EPOCH ? " of epoch 1" : "")
                    + ", but the store has none");
        }
        int n = store.examples();
        int c = store.classes();
        if ((long) n * c > Integer.MAX_VALUE - 8) {
            throw new WinnowException(logits.path() + ": N·C = " + (long) n * c + " is more than one array holds");
        }
        double[] sum = new double[n * c];
        int[] count = new int[n];
        float[] z = new float[c];
        double[] e = new double[c];
        int chunk = Math.max(1, (1 << 20) / c);
        for (int t : rows) {
            for (int i0 = 0; i0 < n; i0 += chunk) {
                int m = Math.min(chunk, n - i0);
                FloatBuffer b = logits.floats(((long) t * n + i0) * c, m * c);
                for (int i = i0; i < i0 + m; i++) {
                    b.get(z, 0, c);
                    if (Float.isNaN(z[0])) {
                        continue;
                    }
                    softmax(z, e);
                    for (int j = 0; j < c; j++) {
                        sum[i * c + j] += e[j];
                    }
                    count[i]++;
                }
            }
        }
        float[] p = new float[n * c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                p[i * c + j] = count[i] == 0 ? Float.NaN : (float) (sum[i * c + j] / count[i]);
            }
        }
        return p;
    }

    /** Softmax of {@code z} into {@code out}, in double, shifted by the maximum. */
    static void softmax(float[] z, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (int j = 0; j < z.length; j++) {
            out[j] = Math.exp(z[j] - max);
            s += out[j];
        }
        for (int j = 0; j < z.length; j++) {
            out[j] /= s;
        }
    }
}
