package dev.winnow.study.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.nio.file.Path;

/**
 * {@code proxy/seed-S.json} of a study folder: what training the proxy of one seed cost, written when its
 * dynamics store is complete, so that a resumed study charges the same cost to every method without
 * training the proxy again.
 *
 * @param seconds    wall seconds of the proxy's training and recording
 * @param cpuSeconds process CPU seconds of the same; NaN where the JVM could not tell, or in a folder from
 *                   before CPU time was counted
 * @param forward    examples passed forward (training, recording and the engine's own evaluation passes)
 * @param backward   examples backpropagated
 * @param seed       the study seed it belongs to
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProxyCost(double seconds, Double cpuSeconds, long forward, long backward, long seed) {
    public ProxyCost {
        cpuSeconds = cpuSeconds == null ? Double.NaN : cpuSeconds;
    }

    /** Reads {@code file}. */
    public static ProxyCost read(Path file) {
        return FolderJson.read(file, ProxyCost.class);
    }

    /** Writes this cost to {@code file} atomically, pretty-printed. */
    public void write(Path file) {
        FolderJson.writePretty(file, this);
    }
}
