package dev.winnow.train;

import dev.winnow.train.data.Examples;

/**
 * Which examples (and with which loss weights) each epoch of the training loop trains on. Epochs are
 * numbered from 1 here, as in the loop and in metrics.json. {@link #full()} is plain training;
 * {@link #fixed} trains every epoch on one keep-list; {@link DynamicEpochPlan} lets a
 * {@link dev.winnow.policy.DynamicPolicy} of the core (which returns a {@link dev.winnow.policy.PolicyPlan}
 * per epoch, epochs from 0) choose each epoch from the losses the loop feeds back.
 *
 * <p>The loop calls, per run: {@link #onRunStart} once; then per epoch {@link #wantsRefreshPass} (if
 * true: one forward-only eval-mode pass over every training example, whose losses go to
 * {@link #observe} and whose cost is counted as forward-only examples and refresh seconds), then
 * {@link #select}, then {@link #observe} with the unweighted per-example losses of every training batch.
 */
@FunctionalInterface
public interface EpochPlan {
    /** The selection for {@code epoch} (1-based) over a training split of {@code trainSize} examples. */
    EpochSelection select(int epoch, int trainSize);

    /** A short name for metrics.json and the store's provenance ({@code full}, a policy spec, …). */
    default String name() {
        return "custom";
    }

    /** Before the first epoch: the number of epochs of the run and the size of the training split. */
    default void onRunStart(int epochs, int trainSize) {
    }

    /**
     * Whether the loop must run a forward-only pass over all training examples before {@link #select}
     * of {@code epoch} (1-based) and {@link #observe} its losses.
     */
    default boolean wantsRefreshPass(int epoch) {
        return false;
    }

    /**
     * Losses the loop computed: {@code losses[j]} is the unweighted loss −log p_y of training example
     * {@code indices[j]} (an index into the training split), from a training step or a refresh pass.
     */
    default void observe(int[] indices, float[] losses) {
    }

    /** Every example, weight 1, every epoch. */
    static EpochPlan full() {
        return named("full", (epoch, n) -> EpochSelection.all(n));
    }

    /** The same selection every epoch. */
    static EpochPlan fixed(EpochSelection s) {
        return named("fixed", (epoch, n) -> s);
    }

    /** A keep-list given by example ids (and weights, or {@code null}), resolved against {@code train}. */
    static EpochPlan keepList(Examples train, long[] ids, float[] weights) {
        return named("keep-list", fixed(new EpochSelection(train.indicesOf(ids), weights)));
    }

    /** {@code plan} under another {@link #name()}. */
    static EpochPlan named(String name, EpochPlan plan) {
        return new EpochPlan() {
            @Override
            public EpochSelection select(int epoch, int trainSize) {
                return plan.select(epoch, trainSize);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public void onRunStart(int epochs, int trainSize) {
                plan.onRunStart(epochs, trainSize);
            }

            @Override
            public boolean wantsRefreshPass(int epoch) {
                return plan.wantsRefreshPass(epoch);
            }

            @Override
            public void observe(int[] indices, float[] losses) {
                plan.observe(indices, losses);
            }
        };
    }
}
