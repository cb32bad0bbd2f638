/**
 * Dynamic data pruning: a {@link dev.winnow.policy.DynamicPolicy} picks, before each epoch, which
 * training examples to train on (and with what loss weight), and learns from the per-example losses
 * the training loop feeds back. Engine-free; the training loop lives in {@code winnow-train}.
 *
 * <p>Build a policy from its spec with {@link dev.winnow.policy.DynamicPolicies#parse}.
 */
package dev.winnow.policy;
