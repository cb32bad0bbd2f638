package dev.winnow.study.results;

/**
 * {@code proxy/seed-S.json} of a study folder: what training the proxy of one seed cost, written when its
 * dynamics store is complete, so that a resumed study charges the same cost to every method without
 * training the proxy again. A {@link StepCost}: read and written as one.
 *
 * @param seconds    wall seconds of the proxy's training and recording
 * @param cpuSeconds process CPU seconds of the same; NaN where the JVM could not tell, or in a folder from
 *                   before CPU time was counted
 * @param forward    examples passed forward (training, recording and the engine's own evaluation passes)
 * @param backward   examples backpropagated
 * @param seed       the study seed it belongs to
 */
public record ProxyCost(double seconds, Double cpuSeconds, long forward, long backward, long seed) implements StepCost {
    public ProxyCost {
        cpuSeconds = cpuSeconds == null ? Double.NaN : cpuSeconds;
    }
}
