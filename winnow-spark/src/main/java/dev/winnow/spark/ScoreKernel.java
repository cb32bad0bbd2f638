package dev.winnow.spark;

import dev.winnow.WinnowException;
import dev.winnow.score.Direction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The per-example arithmetic of the aggregation scores, applied to one partition whose rows are sorted
 * by (id, run, t): rows {@code (id long, label int, run int, t int, checkpoint boolean, value float)} in,
 * one row {@code (id, label, score float)} per example out, streaming (memory O(1) per partition).
 *
 * <p>The arithmetic is that of {@code dev.winnow.score} step for step (the same double accumulations in
 * the same order, the same casts to float), so the scores agree bit for bit: per run a value (NaN when
 * the run has nothing usable for the example), then the mean over runs of the non-NaN run values in run
 * order, in double, cast to float; NaN when no run has a value.
 */
final class ScoreKernel implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** How the per-run values are formed. */
    enum Kind {
        /**
         * At epoch E (rows: the observations of epoch E): the run's last checkpoint of E when not NaN,
         * else its last non-NaN presentation in E.
         */
        AT_EPOCH,
        /** Correct→incorrect transitions between consecutive non-NaN presentations; never correct = count. */
        FORGETTING,
        /** Mean of the non-NaN values (logit_margin over presentations), in double. */
        MEAN,
        /** Population variance of exp(value) (loss over checkpoints of epochs ≤ K), Welford in double. */
        EXP_VARIANCE
    }

    private final Kind kind;
    private final Direction direction;
    private final String source;

    /** {@code direction}: how the mean over runs becomes the score, the core's own. */
    ScoreKernel(Kind kind, Direction direction, String source) {
        this.kind = kind;
        this.direction = direction;
        this.source = source;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private Row pending = rows.hasNext() ? rows.next() : null;

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public Row next() {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                long id = pending.getLong(0);
                int label = pending.getInt(1);
                Example ex = new Example(kind);
                int lastRun = Integer.MIN_VALUE;
                int lastT = Integer.MIN_VALUE;
                while (pending != null && pending.getLong(0) == id) {
                    Row r = pending;
                    if (r.getInt(1) != label) {
                        throw new WinnowException(source + ": example id " + id + " has two labels, "
                                + label + " and " + r.getInt(1));
                    }
                    int run = r.getInt(2);
                    int t = r.getInt(3);
                    if (run == lastRun && t == lastT) {
                        throw new WinnowException(source + ": example id " + id + " has two rows for run " + run
                                + ", observation t=" + t);
                    }
                    if (run != lastRun) {
                        ex.endRun();
                        lastRun = run;
                    }
                    lastT = t;
                    ex.add(r.getBoolean(4), r.isNullAt(5) ? Float.NaN : r.getFloat(5));
                    pending = rows.hasNext() ? rows.next() : null;
                }
                ex.endRun();
                return RowFactory.create(id, label, direction.apply(ex.mean()));
            }
        };
    }

    /**
     * The same arithmetic over the wide layout ({@link WideLayout}): rows {@code (id long, label int, v1 … vm
     * float)} whose values are the example's observations in (run, t) order, each row one example; one row
     * {@code (id, label, score float)} out per row, no shuffle before it.
     */
    static final class Wide implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Kind kind;
        private final Direction direction;
        private final int[] runs;
        private final boolean[] checkpoints;

        /** {@code runs[j]}, {@code checkpoints[j]}: the run and kind of value j. */
        Wide(Kind kind, Direction direction, int[] runs, boolean[] checkpoints) {
            this.kind = kind;
            this.direction = direction;
            this.runs = runs.clone();
            this.checkpoints = checkpoints.clone();
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    Row r = rows.next();
                    Example ex = new Example(kind);
                    for (int j = 0; j < runs.length; j++) {
                        if (j > 0 && runs[j] != runs[j - 1]) {
                            ex.endRun();
                        }
                        ex.add(checkpoints[j], r.isNullAt(2 + j) ? Float.NaN : r.getFloat(2 + j));
                    }
                    ex.endRun();
                    return RowFactory.create(r.getLong(0), r.getInt(1), direction.apply(ex.mean()));
                }
            };
        }
    }

    /** The running state of one example: the current run's accumulator and the mean over runs. */
    static final class Example {
        private final Kind kind;
        private boolean inRun;
        // mean over runs (RunMean of the core)
        private double runSum;
        private int runCount;
        // AT_EPOCH
        private float checkpoint;
        private boolean hasCheckpoint;
        private float presentation;
        // FORGETTING
        private boolean lastCorrect;
        private boolean everCorrect;
        private int forgets;
        // FORGETTING, MEAN, EXP_VARIANCE
        private int shown;
        // MEAN, EXP_VARIANCE
        private double sum;
        private double mean;
        private double m2;

        Example(Kind kind) {
            this.kind = kind;
        }

        void add(boolean isCheckpoint, float v) {
            if (!inRun) {
                inRun = true;
                hasCheckpoint = false;
                checkpoint = Float.NaN;
                presentation = Float.NaN;
                lastCorrect = false;
                everCorrect = false;
                forgets = 0;
                shown = 0;
                sum = 0;
                mean = 0;
                m2 = 0;
            }
            switch (kind) {
                case AT_EPOCH -> {
                    if (isCheckpoint) {
                        // only the last checkpoint of the epoch counts, NaN or not
                        hasCheckpoint = true;
                        checkpoint = v;
                    } else if (v == v) {
                        presentation = v;
                    }
                }
                case FORGETTING -> {
                    if (v != v) {
                        return;
                    }
                    if (v >= 0.5f) {
                        lastCorrect = true;
                        everCorrect = true;
                    } else {
                        if (lastCorrect) {
                            forgets++;
                        }
                        lastCorrect = false;
                    }
                    shown++;
                }
                case MEAN -> {
                    if (v == v) {
                        sum += v;
                        shown++;
                    }
                }
                case EXP_VARIANCE -> {
                    if (v == v) {
                        double x = Math.exp(v);
                        int c = ++shown;
                        double d = x - mean;
                        mean += d / c;
                        m2 += d * (x - mean);
                    }
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        }

        void endRun() {
            if (!inRun) {
                return;
            }
            inRun = false;
            float value = switch (kind) {
                case AT_EPOCH -> hasCheckpoint && checkpoint == checkpoint ? checkpoint : presentation;
                case FORGETTING -> shown == 0 ? Float.NaN : everCorrect ? forgets : shown;
                case MEAN -> shown == 0 ? Float.NaN : (float) (sum / shown);
                case EXP_VARIANCE -> shown == 0 ? Float.NaN : (float) (m2 / shown);
            };
            if (value == value) {
                runSum += value;
                runCount++;
            }
        }

        float mean() {
            return runCount == 0 ? Float.NaN : (float) (runSum / runCount);
        }
    }
}
