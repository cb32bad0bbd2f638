/**
 * Winnow inside a user's own DJL training: {@link dev.winnow.train.djl.DynamicsListener} records a dynamics
 * store (format v1) from any {@code Trainer}; {@link dev.winnow.train.djl.PruningSampler} trains each epoch on
 * what a dynamic policy or a keep-list picks, with the weights available to
 * {@link dev.winnow.train.djl.WeightedSoftmaxCrossEntropyLoss}. One device.
 */
package dev.winnow.train.djl;
