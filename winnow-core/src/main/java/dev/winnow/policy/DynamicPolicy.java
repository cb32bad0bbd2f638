package dev.winnow.policy;

/**
 * Picks each epoch's training examples during training (online / dynamic data pruning).
 *
 * <p>A policy is created for a training set of {@code n} examples, addressed by their indices
 * {@code 0..n-1}, and a seed; the same seed and the same observed losses give the same choices.
 * Epochs are numbered from 0. The training loop drives it like this, and needs nothing else:
 *
 * <pre>{@code
 * DynamicPolicy policy = DynamicPolicies.parse("ucb:0.3,1.0", n, seed);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     if (policy.wantsRefreshPass(epoch)) {               // forward-only, eval mode, all n examples
 *         for (int[] batch : batches(0..n-1)) policy.observe(batch, evalLosses(batch));
 *     }
 *     EpochPlan plan = policy.plan(epoch, epochs);         // who trains this epoch, with which weight
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
public interface DynamicPolicy {

    /** The canonical spec of this policy; {@link DynamicPolicies#parse} of it builds an equal policy. */
    String name();

    /** The number of training examples {@code n}. */
    int size();

    /**
     * Whether the loop must run a forward-only (eval mode, no backward) pass over all {@code n}
     * examples and {@link #observe} their losses <em>before</em> calling {@link #plan} for this
     * epoch. Such a pass costs {@code n} forward evaluations, which the plan reports as
     * {@link EpochPlan#forwardOnly()}.
     */
    boolean wantsRefreshPass(int epoch);

    /**
     * The examples to train on in {@code epoch} (0-based, {@code 0 <= epoch < totalEpochs}), in
     * ascending index order, with their loss weights. Each call returns fresh arrays.
     */
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
