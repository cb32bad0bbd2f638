package dev.winnow.study.results;

/**
 * {@code scores/seed-S/NAME.json} beside {@code NAME.csv}: which score the table holds and what computing it
 * cost, so that a resumed study reuses the score with its cost and the report labels it. A {@link StepCost}:
 * read and written as one.
 *
 * @param score      the score spec, e.g. {@code el2n@2}
 * @param seed       the study seed whose proxy it was computed from
 * @param seconds    wall seconds of computing it
 * @param cpuSeconds process CPU seconds of the same; NaN where unknown (older folders)
 * @param reportOnly whether only the report uses it (no method selects by it, and no run is charged for it)
 */
public record ScoreCost(String score, long seed, double seconds, Double cpuSeconds, boolean reportOnly) implements StepCost {
    public ScoreCost {
        cpuSeconds = cpuSeconds == null ? Double.NaN : cpuSeconds;
    }
}
