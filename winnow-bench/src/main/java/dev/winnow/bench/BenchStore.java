package dev.winnow.bench;

import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the synthetic dynamics store of the Spark measurement (README, "Spark"): N examples, 10 classes,
 * one run of 5 epochs with a presentation and a checkpoint each (T = 10 observations), signals el2n,
 * correct and loss; 5% of the presentations skipped (NaN). Then {@code ./winnow export} turns it into
 * Parquet, and {@code ./winnow select} and {@code ./winnow spark select} run on the two. Usage:
 * {@code java -cp winnow-cli/target/winnow.jar dev.winnow.bench.BenchStore DIR N}.
 */
public final class BenchStore {
    private BenchStore() {
    }

    public static void main(String[] args) {
        write(Path.of(args[0]), Integer.parseInt(args[1]), new PrintWriter(System.err, true));
    }

    /** Writes the store of {@code n} examples to {@code dir}; a line per epoch written on {@code log}. */
    public static void write(Path dir, int n, PrintWriter log) {
        SplittableRandom rnd = new SplittableRandom(2024);
        int[] labels = new int[n];
        float[] difficulty = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(10);
            difficulty[i] = (float) rnd.nextDouble();
        }
        long start = System.nanoTime();
        try (DynamicsWriter w = DynamicsWriter.create(dir, n, 10,
                EnumSet.of(Signal.EL2N, Signal.CORRECT, Signal.LOSS), false, true)) {
            w.labels(labels);
            float[] el2n = new float[n];
            float[] correct = new float[n];
            float[] loss = new float[n];
            for (int epoch = 1; epoch <= 5; epoch++) {
                for (ObservationKind kind : ObservationKind.values()) {
                    boolean presentation = kind == ObservationKind.PRESENTATION;
                    for (int i = 0; i < n; i++) {
                        if (presentation && rnd.nextInt(20) == 0) {
                            el2n[i] = Float.NaN;
                            correct[i] = Float.NaN;
                            loss[i] = Float.NaN;
                            continue;
                        }
                        double p = Math.min(0.999, Math.max(0.001,
                                1 - difficulty[i] * (1.2 - 0.15 * epoch) + 0.1 * rnd.nextGaussian()));
                        el2n[i] = (float) (Math.sqrt(2) * (1 - p));
                        correct[i] = p > 0.5 ? 1f : 0f;
                        loss[i] = (float) -Math.log(p);
                    }
                    w.observeSignals(new Observation(0, epoch, kind),
                            Map.of(Signal.EL2N, el2n, Signal.CORRECT, correct, Signal.LOSS, loss), null);
                }
                log.printf("epoch %d written (%.1f s)%n", epoch, (System.nanoTime() - start) / 1e9);
                log.flush();
            }
            w.commit();
        }
    }
}
