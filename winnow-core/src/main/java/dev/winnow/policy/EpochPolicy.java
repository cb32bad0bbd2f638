package dev.winnow.policy;

/**
 * Picks each epoch's training examples, and their loss weights: a dynamic pruning policy that learns
 * from the per-example losses the loop feeds back, or a static keep-list ({@link FixedPolicy}) that
 * returns the same {@link EpochPlan} every epoch. The training loop of {@code winnow-train} drives this
 * interface and nothing else.
 *
 * <p>A policy is made for a training set of {@link #size() n} examples, addressed by their indices
 * {@code 0..n-1}; a seeded one makes the same choices for the same seed and the same observed losses.
 * <b>Epochs count from 1</b>, as in the loop, {@code metrics.json} and the store's manifest. The loop:
 *
 * <pre>{@code
 * EpochPolicy policy = PolicySpec.parse("ucb:0.3,1.0").build(n, seed);
 * policy.onRunStart(epochs);
 * for (int epoch = 1; epoch <= epochs; epoch++) {
 *     if (policy.wantsRefreshPass(epoch)) {               // forward-only, eval mode, all n examples
 *         for (int[] batch : batches(0..n-1)) policy.observe(batch, evalLosses(batch));
 *     }
 *     EpochPlan plan = policy.plan(epoch, epochs);        // who trains this epoch, with which weight
 *     for (int[] batch : shuffledBatches(plan)) {         // loss = mean_i(plan weight_i * loss_i)
 *         float[] losses = trainStep(batch, weights);      // per-example losses of the forward pass
 *         policy.observe(batch, losses);
 *     }
 *     cost.forwardBackward += plan.size();
 *     cost.forwardOnly += plan.forwardOnly();             // the refresh pass, if there was one
 * }
 * }</pre>
 *
 * <p>Policies are stateful and not thread-safe: call them from the thread that runs the loop.
 */
public interface EpochPolicy {

    /** What this policy is, for {@code metrics.json}: the canonical spec of a parsed policy ({@link PolicySpec}). */
    String name();

    /** The number of training examples {@code n}. */
    int size();

    /**
     * Called once before the first epoch of a run of {@code totalEpochs} epochs. A seeded policy drives
     * one run and refuses a second ({@link IllegalStateException}): every run gets its own seed, and a
     * reused policy would carry its choices and observations over.
     */
    default void onRunStart(int totalEpochs) {
    }

    /**
     * Whether the loop must run a forward-only (eval mode, no backward) pass over all {@code n}
     * examples and {@link #observe} their losses <em>before</em> calling {@link #plan} for {@code epoch}
     * (1-based). Such a pass costs {@code n} forward evaluations, which the plan reports as
     * {@link EpochPlan#forwardOnly()}.
     */
    boolean wantsRefreshPass(int epoch);

    /** The examples to train on in {@code epoch}, {@code 1 <= epoch <= totalEpochs}, with their loss weights. */
    EpochPlan plan(int epoch, int totalEpochs);

    /**
     * Feeds back the per-example losses of a batch: {@code losses[j]} is the (unweighted) loss of
     * example {@code indices[j]}. Call it for every training batch and for every batch of a refresh
     * pass. Losses must be finite.
     *
     * @throws IllegalArgumentException on different lengths, an index outside {@code 0..n-1} or a
     *     non-finite loss (nothing is recorded then)
     */
    void observe(int[] indices, float[] losses);
}
