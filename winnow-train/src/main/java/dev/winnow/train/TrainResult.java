package dev.winnow.train;

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

    public long evalForward() {
        return epochs.stream().mapToLong(EpochMetrics::evalForward).sum();
    }

    /** Seconds per phase: setup (model build), train, record, eval, and total. */
    public Map<String, Double> phaseSeconds() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("setup", setupSeconds);
        m.put("train", epochs.stream().mapToDouble(EpochMetrics::trainSeconds).sum());
        m.put("record", epochs.stream().mapToDouble(EpochMetrics::recordSeconds).sum());
        m.put("eval", epochs.stream().mapToDouble(EpochMetrics::evalSeconds).sum());
        m.put("total", setupSeconds + epochs.stream().mapToDouble(EpochMetrics::wallSeconds).sum());
        return m;
    }
}
