package dev.winnow.train;

/**
 * Hooks into the training loop (recorders, progress, dynamic pruning policies). Every method has a
 * no-op default; {@link #needsOutputs()} asks the loop to copy each batch's logits and ‖h‖² to the host.
 */
public interface TrainingObserver {
    /**
     * Whether {@link BatchResult#logits()} and {@link BatchResult#hSquaredNorm()} must be filled; asked after
     * {@link #onEpochStart} of every epoch, so an observer may want outputs in some epochs only.
     */
    default boolean needsOutputs() {
        return false;
    }

    default void onRunStart(RunContext ctx) {
    }

    default void onEpochStart(int epoch, int batches, int examples) {
    }

    default void onBatch(BatchResult batch) {
    }

    /**
     * After the epoch's last update, before the test evaluation. Time spent here counts as the
     * recording phase (checkpoint passes use {@link RunContext#forwardAll}).
     */
    default void onEpochEnd(int epoch, RunContext ctx) {
    }

    /** After the epoch's test evaluation, with its metrics. */
    default void onEpochMetrics(EpochMetrics metrics) {
    }

    default void onRunEnd(RunContext ctx) {
    }
}
