package dev.winnow.train;

import dev.winnow.train.data.Examples;

/**
 * Which examples (and with which weights) each epoch trains on. {@link #full()} is plain training;
 * {@link #fixed} trains every epoch on one keep-list; a dynamic pruning policy implements this
 * interface and usually also {@link TrainingObserver} to see each batch's per-example losses.
 */
@FunctionalInterface
public interface EpochPlan {
    /** The selection for {@code epoch} (1-based) over a training split of {@code trainSize} examples. */
    EpochSelection select(int epoch, int trainSize);

    /** Every example, weight 1, every epoch. */
    static EpochPlan full() {
        return (epoch, n) -> EpochSelection.all(n);
    }

    /** The same selection every epoch. */
    static EpochPlan fixed(EpochSelection s) {
        return (epoch, n) -> s;
    }

    /** A keep-list given by example ids (and weights, or {@code null}), resolved against {@code train}. */
    static EpochPlan keepList(Examples train, long[] ids, float[] weights) {
        return fixed(new EpochSelection(train.indicesOf(ids), weights));
    }
}
