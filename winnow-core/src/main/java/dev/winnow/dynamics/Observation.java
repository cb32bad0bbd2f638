package dev.winnow.dynamics;

/** One row of every signal: which proxy run, which epoch (1-based), and how it was observed. */
public record Observation(int run, int epoch, ObservationKind kind) {
    public Observation {
        if (run < 0 || epoch < 0 || kind == null) {
            throw new IllegalArgumentException("observation needs run ≥ 0, epoch ≥ 0 and a kind");
        }
    }
}
