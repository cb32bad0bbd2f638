package dev.winnow.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one training run: per-epoch metrics, the final test accuracy, the model description,
 * and the totals the cost accounting needs (seconds per phase, forward/backward example counts).
 */
public record TrainResult(int run, long seed, String model, List<EpochMetrics> epochs, double setupSeconds) {
    public TrainResult {
        epochs = List.copyOf(epochs);
    }

    /** The test accuracy after the last epoch (NaN without a test split). */
    public double finalTestAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
    }

    public long examplesForward() {
        return epochs.stream().mapToLong(EpochMetrics::examplesForward).sum();
    }

    public long examplesBackward() {
        return epochs.stream().mapToLong(EpochMetrics::examplesBackward).sum();
    }

    public long recordForward() {
        return epochs.stream().mapToLong(EpochMetrics::recordForward).sum();
    }

    public long recordBackward() {
        return epochs.stream().mapToLong(EpochMetrics::recordBackward).sum();
    }

    /** Forward-only evaluations of training examples that a dynamic plan asked for (refresh passes). */
    public long forwardOnly() {
        return epochs.stream().mapToLong(EpochMetrics::forwardOnly).sum();
    }

    public long evalForward() {
        return epochs.stream().mapToLong(EpochMetrics::evalForward).sum();
    }

    /** Wall seconds spent evaluating on the test split, over all evaluated epochs. */
    public double evaluationSeconds() {
        return epochs.stream().mapToDouble(EpochMetrics::evalSeconds).sum();
    }

    /**
     * The learning curve: one point per evaluated epoch ({@link TrainConfig#evalEvery()}), in epoch order,
     * with cumulative training seconds (setup included, evaluation not) and cumulative examples
     * backpropagated. Empty without a test split. Its last point is the final evaluation.
     */
    public List<CurvePoint> curve() {
        List<CurvePoint> out = new ArrayList<>();
        double seconds = setupSeconds;
        long backward = 0;
        for (EpochMetrics e : epochs) {
            seconds += e.wallSeconds() - e.evalSeconds();
            backward += e.examplesBackward() + e.recordBackward();
            if (!Double.isNaN(e.testAccuracy())) {
                out.add(new CurvePoint(e.epoch(), e.testAccuracy(), seconds, backward));
            }
        }
        return out;
    }

    /** Seconds per phase: setup (model build), refresh and plan (dynamic pruning), train, record, eval, and total. */
    public Map<String, Double> phaseSeconds() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("setup", setupSeconds);
        m.put("refresh", epochs.stream().mapToDouble(EpochMetrics::refreshSeconds).sum());
        m.put("plan", epochs.stream().mapToDouble(EpochMetrics::planSeconds).sum());
        m.put("train", epochs.stream().mapToDouble(EpochMetrics::trainSeconds).sum());
        m.put("record", epochs.stream().mapToDouble(EpochMetrics::recordSeconds).sum());
        m.put("eval", epochs.stream().mapToDouble(EpochMetrics::evalSeconds).sum());
        m.put("total", setupSeconds + epochs.stream().mapToDouble(EpochMetrics::wallSeconds).sum());
        return m;
    }
}
