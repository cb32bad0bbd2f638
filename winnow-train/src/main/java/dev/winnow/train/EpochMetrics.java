package dev.winnow.train;

/**
 * One epoch of one run. Counts are examples, not batches: {@code examplesForward}/{@code examplesBackward}
 * of the training steps, {@code recordForward}/{@code recordBackward} of recording passes (checkpoints,
 * VoG), {@code evalForward} of the test evaluation. Seconds per phase: train (the steps, observers'
 * per-batch work included), record, eval; {@code wallSeconds} is the whole epoch.
 * {@code testAccuracy} is NaN when there is no test split or the epoch was not evaluated
 * ({@link TrainConfig#evalEvery()}; then {@code evalForward} and {@code evalSeconds} are 0). {@code learningRate} is the schedule's rate at
 * the end of the epoch. A dynamic plan's costs: {@code forwardOnly} examples evaluated by its refresh
 * pass (eval mode, no backward) in {@code refreshSeconds}, and {@code planSeconds} choosing the epoch's
 * examples; both are part of {@code wallSeconds}, neither of {@code trainSeconds}.
 */
public record EpochMetrics(int run, int epoch, double trainLoss, double testAccuracy, long examplesForward,
                           long examplesBackward, long recordForward, long recordBackward, long evalForward,
                           double trainSeconds, double recordSeconds, double evalSeconds, double wallSeconds,
                           double learningRate, long forwardOnly, double refreshSeconds, double planSeconds) {
}
