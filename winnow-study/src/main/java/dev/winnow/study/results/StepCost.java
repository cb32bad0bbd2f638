package dev.winnow.study.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.nio.file.Path;

/**
 * What one step of a study cost for one seed, kept in a small file of the study folder so that a resumed
 * study charges it again without redoing the step: {@link ProxyCost} (training the seed's proxy) and
 * {@link ScoreCost} (computing one score). The two files share their form, declared here once: snake_case
 * keys, unknown keys ignored (Jackson reads these annotations from the records' interface), pretty-printed
 * JSON with a final newline, written atomically.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface StepCost permits ProxyCost, ScoreCost {
    /** Wall seconds of the step. */
    double seconds();

    /** Process CPU seconds of the step; NaN where the JVM could not tell, or in a folder from before they were counted. */
    Double cpuSeconds();

    /** The study seed the step belongs to. */
    long seed();

    /** Reads the cost file {@code file} as a {@code type}. */
    static <T extends StepCost> T read(Path file, Class<T> type) {
        return FolderJson.read(file, type);
    }

    /** Writes this cost to {@code file} atomically, pretty-printed. */
    default void write(Path file) {
        FolderJson.writePretty(file, this);
    }
}
