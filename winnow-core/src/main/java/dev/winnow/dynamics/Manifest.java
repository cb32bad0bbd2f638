package dev.winnow.dynamics;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a dynamics store, format v1 (DESIGN.md). {@code provenance} holds free-form
 * facts about where the dynamics came from (dataset, model, seeds, tool version).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String format, int version, int examples, int classes,
                       List<Observation> observations, List<String> signals,
                       Map<String, Object> provenance) {
    public static final String FORMAT = "winnow-dynamics";
    public static final int VERSION = 1;

    public Manifest {
        observations = observations == null ? List.of() : List.copyOf(observations);
        signals = signals == null ? List.of() : List.copyOf(signals);
        provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
    }

    /** Number of proxy runs: one more than the largest run index observed (at least 1). */
    public int runs() {
        return observations.stream().mapToInt(Observation::run).max().orElse(0) + 1;
    }
}
