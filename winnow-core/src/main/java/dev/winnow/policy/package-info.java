/**
 * Which examples each epoch trains on: an {@link dev.winnow.policy.EpochPolicy} returns one
 * {@link dev.winnow.policy.EpochPlan} (indices and loss weights) per epoch, epochs counted from 1, and learns
 * from the per-example losses the training loop feeds back. Dynamic pruning policies (full, uniform,
 * ε-greedy, UCB, InfoBatch) and a static keep-list ({@link dev.winnow.policy.FixedPolicy}) are the same kind of
 * thing to the loop; {@link dev.winnow.policy.StepLimitedPolicy} caps any of them at a number of optimizer
 * steps, one {@link dev.winnow.policy.ForwardingPolicy} (a wrapper that changes one part of another policy).
 * Engine-free; the training loop lives in {@code winnow-train}.
 *
 * <p>Parse a spec once with {@link dev.winnow.policy.PolicySpec#parse} and build the policy with
 * {@link dev.winnow.policy.PolicySpec#build}; {@link dev.winnow.policy.DynamicPolicies#catalogue()} lists
 * every policy with its parameters, defaults and paper.
 */
package dev.winnow.policy;
