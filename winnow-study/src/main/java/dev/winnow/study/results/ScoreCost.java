package dev.winnow.study.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.nio.file.Path;

/**
 * {@code scores/seed-S/NAME.json} beside {@code NAME.csv}: which score the table holds and what computing it
 * cost, so that a resumed study reuses the score with its cost and the report labels it.
 *
 * @param score      the score spec, e.g. {@code el2n@2}
 * @param seed       the study seed whose proxy it was computed from
 * @param seconds    wall seconds of computing it
 * @param cpuSeconds process CPU seconds of the same; NaN where unknown (older folders)
 * @param reportOnly whether only the report uses it (no method selects by it, and no run is charged for it)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScoreCost(String score, long seed, double seconds, Double cpuSeconds, boolean reportOnly) {
    public ScoreCost {
        cpuSeconds = cpuSeconds == null ? Double.NaN : cpuSeconds;
    }

    /** Reads {@code file}. */
    public static ScoreCost read(Path file) {
        return FolderJson.read(file, ScoreCost.class);
    }

    /** Writes this record to {@code file} atomically, pretty-printed. */
    public void write(Path file) {
        FolderJson.writePretty(file, this);
    }
}
