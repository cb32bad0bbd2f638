package dev.winnow.score;

import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The hand-made store of the score tests: 5 examples with ids {0, 11, 12, 13, 14}, labels
 * {0, 1, 0, 1, 1}, 2 classes, 2 runs, 9 observations (rows t0..t8):
 * <pre>
 * t0 run 0 epoch 1 presentation      t5 run 1 epoch 1 presentation
 * t1 run 0 epoch 1 checkpoint        t6 run 1 epoch 2 presentation
 * t2 run 0 epoch 2 presentation      t7 run 1 epoch 2 checkpoint
 * t3 run 0 epoch 2 presentation      t8 run 1 epoch 3 checkpoint
 * t4 run 0 epoch 2 checkpoint
 * </pre>
 * Signals are set directly (they need not be consistent with each other: each score reads one).
 */
final class TinyStore {
    static final float N = Float.NaN;
    static final long[] IDS = {0, 11, 12, 13, 14};
    static final int[] LABELS = {0, 1, 0, 1, 1};
    static final Observation[] OBS = {
        new Observation(0, 1, ObservationKind.PRESENTATION),
        new Observation(0, 1, ObservationKind.CHECKPOINT),
        new Observation(0, 2, ObservationKind.PRESENTATION),
        new Observation(0, 2, ObservationKind.PRESENTATION),
        new Observation(0, 2, ObservationKind.CHECKPOINT),
        new Observation(1, 1, ObservationKind.PRESENTATION),
        new Observation(1, 2, ObservationKind.PRESENTATION),
        new Observation(1, 2, ObservationKind.CHECKPOINT),
        new Observation(1, 3, ObservationKind.CHECKPOINT),
    };

    static final float[][] EL2N = {
        {0.1f, 0.2f, 0.3f, 0.4f, N},
        {0.5f, N, 0.7f, 0.8f, 0.9f},
        {1.0f, 1.1f, N, 1.3f, N},
        {1.5f, N, N, 1.8f, N},
        {N, 1.2f, N, N, N},
        {0.2f, 0.4f, 0.6f, N, N},
        {2.0f, 2.1f, 2.2f, N, N},
        {3.0f, N, 3.2f, N, N},
        {0f, 0f, 0f, 0f, 0f},
    };

    /** Perplexities; the loss signal is their natural log. */
    static final float[][] PERPLEXITY = {
        {1, 2, 3, 4, N},
        {2, 2, 1, N, N},
        {3, 1, N, 2, N},
        {5, N, N, 4, N},
        {4, 6, 3, N, N},
        {1, 1, 1, 1, N},
        {2, 2, 2, 2, N},
        {1, 3, N, 5, N},
        {9, 9, 9, 9, 9},
    };

    static final float[][] CORRECT = {
        {1, 0, 1, 0, N},
        {0, 1, 0, 1, 0},
        {0, 0, N, 1, N},
        {1, 1, 0, 0, N},
        {0, 0, 0, 0, 0},
        {1, 0, 1, 1, 0},
        {0, 0, 1, 0, N},
        {1, 1, 1, 1, 1},
        {0, 0, 0, 0, 0},
    };

    private static final float C = 100f;
    static final float[][] LOGIT_MARGIN = {
        {2, -1, 0.5f, 1, N},
        {C, C, C, C, C},
        {4, -3, N, 2, N},
        {6, 1, N, N, N},
        {C, C, C, C, C},
        {1, 1, 1, 1, N},
        {3, N, -1, 2, N},
        {C, C, C, C, C},
        {C, C, C, C, C},
    };

    static final float[][] VOG = {
        {1, 2, 3, 4, N},
        {3, 2, N, 8, N},
    };

    private TinyStore() {
    }

    /** Writes the store with every signal but those in {@code without}; vog.npy unless {@code noVog}. */
    static Path write(Path dir, EnumSet<Signal> without, boolean noVog) {
        EnumSet<Signal> signals = EnumSet.allOf(Signal.class);
        signals.removeAll(without);
        try (DynamicsWriter w = DynamicsWriter.create(dir, 5, 2, signals, false, false)) {
            w.labels(LABELS).ids(IDS);
            for (int t = 0; t < OBS.length; t++) {
                Map<Signal, float[]> rows = new EnumMap<>(Signal.class);
                rows.put(Signal.EL2N, EL2N[t]);
                rows.put(Signal.GRAD_NORM, map(EL2N[t], x -> 10 * x));
                rows.put(Signal.ENTROPY, map(EL2N[t], x -> x + 1));
                rows.put(Signal.P_MAX, map(EL2N[t], x -> x / 4));
                rows.put(Signal.TOP2_MARGIN, map(EL2N[t], x -> x / 5));
                rows.put(Signal.LOSS, map(PERPLEXITY[t], Math::log));
                rows.put(Signal.P_TRUE, map(PERPLEXITY[t], x -> 1 / x));
                rows.put(Signal.CORRECT, CORRECT[t]);
                rows.put(Signal.LOGIT_MARGIN, LOGIT_MARGIN[t]);
                rows.keySet().retainAll(signals);
                w.observeSignals(OBS[t], rows, null);
            }
            if (!noVog) {
                w.vog(0, VOG[0]).vog(1, VOG[1]);
            }
            return w.commit();
        }
    }

    static Path write(Path dir) {
        return write(dir, EnumSet.noneOf(Signal.class), false);
    }

    private static float[] map(float[] row, DoubleUnaryOperator f) {
        float[] out = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = (float) f.applyAsDouble(row[i]);
        }
        return out;
    }
}
