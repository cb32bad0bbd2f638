package dev.winnow.quality;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.score.ConfidenceScore;
import dev.winnow.score.CorrectnessScore;
import dev.winnow.score.VariabilityScore;

/**
 * A data map (Dataset Cartography, Swayamdipta et al. 2020): per example, over its presentations in each run
 * and averaged over runs, the confidence (mean p_true), the variability (population std of p_true) and the
 * correctness (fraction predicted correctly), in index order, NaN where never presented. The values are
 * those of the scores {@code confidence}, {@code variability} and {@code correctness} with the scores' signs
 * undone, so that the map and the scores cannot disagree.
 *
 * <p>Regions (DESIGN.md names them; the cuts are ours, {@code docs/quality.md}): <b>ambiguous</b> when
 * variability ≥ {@value #AMBIGUOUS_VARIABILITY}; otherwise <b>easy-to-learn</b> when confidence ≥
 * {@value #EASY_CONFIDENCE}, <b>hard-to-learn</b> below.
 *
 * @param confidence  mean p_true
 * @param variability population standard deviation of p_true
 * @param correctness fraction of presentations correct
 */
public record DataMap(float[] confidence, float[] variability, float[] correctness) {
    /** The variability from which an example is ambiguous (a p_true that swings by ±0.2 around its mean). */
    public static final double AMBIGUOUS_VARIABILITY = 0.2;
    /** The confidence that splits the rest: easy-to-learn at or above, hard-to-learn below. */
    public static final double EASY_CONFIDENCE = 0.5;

    /** The three regions of a data map. */
    public enum Region {
        EASY("easy-to-learn"), AMBIGUOUS("ambiguous"), HARD("hard-to-learn");

        private final String title;

        Region(String title) {
            this.title = title;
        }

        /** How the map names it. */
        public String title() {
            return title;
        }
    }

    public DataMap {
        if (confidence.length != variability.length || confidence.length != correctness.length) {
            throw new IllegalArgumentException("data map arrays differ in length");
        }
    }

    /** The map of a store's presentations; fails like the scores when it lacks p_true, correct or presentations. */
    public static DataMap of(DynamicsStore store) {
        float[] conf = new ConfidenceScore().compute(store);
        float[] corr = new CorrectnessScore().compute(store);
        for (int i = 0; i < conf.length; i++) {
            conf[i] = -conf[i];
            corr[i] = -corr[i];
        }
        return new DataMap(conf, new VariabilityScore().compute(store), corr);
    }

    /** N. */
    public int size() {
        return confidence.length;
    }

    /** The region of example i ({@code null} when it was never presented). */
    public Region region(int i) {
        float c = confidence[i];
        float v = variability[i];
        if (Float.isNaN(c) || Float.isNaN(v)) {
            return null;
        }
        if (v >= AMBIGUOUS_VARIABILITY) {
            return Region.AMBIGUOUS;
        }
        return c >= EASY_CONFIDENCE ? Region.EASY : Region.HARD;
    }

    /** How many examples fall in each region, in {@link Region} order. */
    public int[] regionCounts() {
        int[] out = new int[Region.values().length];
        for (int i = 0; i < size(); i++) {
            Region r = region(i);
            if (r != null) {
                out[r.ordinal()]++;
            }
        }
        return out;
    }
}
