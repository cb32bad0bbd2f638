package dev.winnow.train;

/**
 * One epoch of one run. Counts are examples, not batches: {@code examplesForward}/{@code examplesBackward}
 * of the training steps, {@code recordForward}/{@code recordBackward} of recording passes (checkpoints,
 * VoG), {@code evalForward} of the test evaluation. Seconds per phase: train (the steps, observers'
 * per-batch work included), record, eval; {@code wallSeconds} is the whole epoch.
 * {@code testAccuracy} is NaN when there is no test split.
 */
public record EpochMetrics(int run, int epoch, double trainLoss, double testAccuracy, long examplesForward,
                           long examplesBackward, long recordForward, long recordBackward, long evalForward,
                           double trainSeconds, double recordSeconds, double evalSeconds, double wallSeconds,
                           double learningRate) {
}
