package dev.winnow.train;

/**
 * One point of a run's learning curve: the test accuracy after an evaluated epoch with what the run had
 * spent to get there, so that accuracy can be read against cost (time-to-accuracy) rather than epochs.
 *
 * @param epoch            the epoch after which the model was evaluated (1-based)
 * @param testAccuracy     accuracy on the test split after that epoch
 * @param seconds          cumulative wall seconds of training up to the end of that epoch: setup, refresh
 *                         passes, planning, steps and recording; evaluation is not included (it is counted
 *                         as evaluation, {@link TrainResult#evaluationSeconds()})
 * @param backwardExamples cumulative examples backpropagated up to the end of that epoch (training steps
 *                         and recording passes)
 */
public record CurvePoint(int epoch, double testAccuracy, double seconds, long backwardExamples) {
}
