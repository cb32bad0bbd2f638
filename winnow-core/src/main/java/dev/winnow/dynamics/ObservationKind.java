package dev.winnow.dynamics;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.winnow.WinnowException;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an observation's outputs come from: {@code checkpoint} is an extra eval-mode pass over the
 * training set at the end of an epoch; {@code presentation} is what the model computed while training
 * on the example (free, but taken in train mode with the weights of that moment).
 */
public enum ObservationKind {
    CHECKPOINT, PRESENTATION;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }

    @JsonCreator
    public static ObservationKind of(String s) {
        for (ObservationKind k : values()) {
            if (k.json().equals(s)) {
                return k;
            }
        }
        // the value comes from a file: shown on one line, whatever characters it holds
        throw new IllegalArgumentException("observation kind '" + WinnowException.shown(s)
                + "' (expected checkpoint or presentation)");
    }
}
