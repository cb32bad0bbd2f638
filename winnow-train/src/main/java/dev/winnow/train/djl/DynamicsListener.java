package dev.winnow.train.djl;

import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.listener.TrainingListenerAdapter;
import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Records a dynamics store (format v1, DESIGN.md) from any DJL {@link Trainer}: {@code EasyTrain.fit} or a
 * hand-written loop that calls {@code EasyTrain.trainBatch} and notifies {@code onEpoch} after each epoch.
 *
 * <ul>
 *   <li>One {@code presentation} observation per epoch, free: the class logits the training step computed
 *       for each example of each training batch, placed by the batch's dataset indices (examples a sampler
 *       skipped are NaN; an example twice in one epoch is an error).</li>
 *   <li>Optionally a {@code checkpoint} observation at chosen epochs: an eval-mode pass over the training set
 *       ({@link Builder#checkpoints}).</li>
 * </ul>
 * Every signal is derived by {@link Signal#compute} through {@link DynamicsWriter#observe}, as Winnow's own
 * recorder does; {@code grad_norm} only when the model returns {@code (logits, h)} with h the input of its
 * last linear layer ({@link Builder#withHeadInput}). The model's first output must be the class logits.
 *
 * <p>The store is written into a hidden folder and moved into place when training ends
 * ({@code onTrainingEnd}, i.e. {@code trainer.close()}) after at least one whole epoch; a run that stops
 * inside an epoch (an exception closes the trainer too), or short of {@link Builder#epochs}, leaves nothing.
 * One device (single-device trainers), one run.
 *
 * <pre>{@code
 * DynamicsListener rec = DynamicsListener.builder(Path.of("runs/djl"), ids, labels, 10)
 *         .checkpoints(trainSet, 3).build();
 * DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).addTrainingListeners(rec);
 * try (Trainer trainer = model.newTrainer(cfg)) {
 *     trainer.initialize(inputShape);
 *     EasyTrain.fit(trainer, 3, trainSet, null);
 * }
 * Path store = rec.store().orElseThrow();
 * }</pre>
 */
public final class DynamicsListener extends TrainingListenerAdapter {
    private final Builder config;
    private final int n;
    private final int c;
    private DynamicsWriter writer;
    private float[] logits;
    private float[] h2;
    private boolean[] seen;
    private boolean pending;
    private int epoch;
    private Path store;

    private DynamicsListener(Builder b) {
        this.config = b;
        this.n = b.labels.length;
        this.c = b.classes;
    }

    /**
     * A listener writing to {@code out} for a training set whose example at dataset index i has id
     * {@code ids[i]} and class {@code labels[i]} in [0, {@code classes}).
     */
    public static Builder builder(Path out, long[] ids, int[] labels, int classes) {
        return new Builder(out, ids, labels, classes);
    }

    /** The store's path once training ended after whole epochs; empty before, or when nothing was written. */
    public Optional<Path> store() {
        return Optional.ofNullable(store);
    }

    /** Epochs recorded so far. */
    public int epochs() {
        return epoch;
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        if (writer != null || store != null) {
            throw new IllegalStateException("a DynamicsListener records one training run");
        }
        EnumSet<Signal> signals = EnumSet.allOf(Signal.class);
        if (!config.headInput) {
            signals.remove(Signal.GRAD_NORM);
        }
        writer = DynamicsWriter.create(config.out, n, c, signals, false, config.force);
        try {
            writer.labels(config.labels).ids(config.ids);
        } catch (RuntimeException e) {
            writer.close();
            writer = null;
            throw e;
        }
        writer.provenance("source", "winnow DJL listener (" + getClass().getName() + ")");
        writer.provenance("model", trainer.getModel().getName());
        config.provenance.forEach(writer::provenance);
        logits = new float[n * c];
        h2 = config.headInput ? new float[n] : null;
        seen = new boolean[n];
        clearEpoch();
    }

    private void clearEpoch() {
        Arrays.fill(logits, Float.NaN);
        Arrays.fill(seen, false);
        if (h2 != null) {
            Arrays.fill(h2, Float.NaN);
        }
        pending = false;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        if (writer == null) {
            throw new IllegalStateException("training batch before onTrainingBegin: add the listener to the "
                    + "TrainingConfig before the Trainer is made");
        }
        int[] idx = BatchOutputs.indices(batchData.getBatch());
        NDList preds = BatchOutputs.predictions(batchData);
        float[] z = BatchOutputs.logits(preds, idx.length, c);
        float[] sq = h2 != null ? BatchOutputs.squaredNorms(preds, idx.length) : null;
        for (int i : idx) {
            if (i >= n) {
                throw new WinnowException("dataset index " + i + " is outside the " + n + " examples given to the listener");
            }
        }
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            if (seen[i]) {
                throw new WinnowException("example index " + i + " (id " + config.ids[i] + ") was presented twice in epoch "
                        + (epoch + 1) + "; a presentation observation holds one output per example");
            }
            seen[i] = true;
            System.arraycopy(z, k * c, logits, i * c, c);
            if (sq != null) {
                h2[i] = sq[k];
            }
        }
        pending = true;
    }

    @Override
    public void onEpoch(Trainer trainer) {
        if (writer == null) {
            return;
        }
        epoch++;
        writer.observe(new Observation(0, epoch, ObservationKind.PRESENTATION), logits, h2, config.labels);
        clearEpoch();
        if (config.checkpoints.contains(epoch) || config.everyEpoch) {
            EvalPass.Outputs o = EvalPass.run(trainer, config.checkpointData, c, config.evalBatchSize, h2 != null);
            writer.observe(new Observation(0, epoch, ObservationKind.CHECKPOINT), o.logits(), o.hSquaredNorm(),
                    config.labels);
        }
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        if (writer == null) {
            return;
        }
        boolean whole = epoch > 0 && !pending && (config.epochs == 0 || epoch == config.epochs);
        try {
            if (whole) {
                store = writer.commit();
            }
        } finally {
            writer.close();
            writer = null;
        }
    }

    /** What to record and where. */
    public static final class Builder {
        private final Path out;
        private final long[] ids;
        private final int[] labels;
        private final int classes;
        private final SortedSet<Integer> checkpoints = new TreeSet<>();
        private final java.util.Map<String, Object> provenance = new java.util.LinkedHashMap<>();
        private RandomAccessDataset checkpointData;
        private boolean everyEpoch;
        private boolean headInput;
        private boolean force;
        private int epochs;
        private int evalBatchSize = 256;

        private Builder(Path out, long[] ids, int[] labels, int classes) {
            if (ids.length != labels.length || labels.length == 0) {
                throw new IllegalArgumentException("ids and labels must be non-empty and parallel (" + ids.length
                        + " ids, " + labels.length + " labels)");
            }
            this.out = out;
            this.ids = ids.clone();
            this.labels = labels.clone();
            this.classes = classes;
        }

        /**
         * Checkpoint observations after the given epochs (1-based), or after every epoch when none are given:
         * an eval-mode pass over {@code trainSet}, the dataset the ids and labels describe.
         */
        public Builder checkpoints(RandomAccessDataset trainSet, int... epochsAfter) {
            if (trainSet.size() != labels.length) {
                throw new IllegalArgumentException("the checkpoint dataset has " + trainSet.size() + " examples, the "
                        + "labels " + labels.length);
            }
            this.checkpointData = trainSet;
            this.everyEpoch = epochsAfter.length == 0;
            for (int e : epochsAfter) {
                if (e < 1) {
                    throw new IllegalArgumentException("checkpoint epochs start at 1, got " + e);
                }
                checkpoints.add(e);
            }
            return this;
        }

        /** The model returns {@code (logits, h)}, h the input of its last linear layer: records grad_norm too. */
        public Builder withHeadInput() {
            this.headInput = true;
            return this;
        }

        /** The store is written only if exactly this many epochs ran (0, the default: any whole number). */
        public Builder epochs(int total) {
            this.epochs = total;
            return this;
        }

        /** Batch size of the checkpoint passes (default 256). */
        public Builder evalBatchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("eval batch size must be >= 1");
            }
            this.evalBatchSize = size;
            return this;
        }

        /** Replace an existing store at the output path. */
        public Builder force(boolean replace) {
            this.force = replace;
            return this;
        }

        /** A provenance fact for the manifest (dataset, seed, ...). */
        public Builder provenance(String key, Object value) {
            provenance.put(key, value);
            return this;
        }

        public DynamicsListener build() {
            if (classes < 1) {
                throw new IllegalArgumentException("classes must be >= 1");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= classes) {
                    throw new IllegalArgumentException("label " + labels[i] + " of example index " + i
                            + " is outside [0, " + classes + ")");
                }
            }
            return new DynamicsListener(this);
        }
    }
}
