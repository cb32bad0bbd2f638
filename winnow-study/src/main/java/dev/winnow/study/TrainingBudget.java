package dev.winnow.study;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How long the target trains on a subset: {@link #EPOCHS} the same number of epochs as full training
 * (cheaper in proportion to the kept fraction), {@link #STEPS} the same number of optimizer steps as full
 * training (as many epochs over the subset as it takes; costs about what full training costs). Not to be
 * confused with the core's {@code dev.winnow.select.Budget}, how many examples a selection keeps.
 */
public enum TrainingBudget {
    EPOCHS, STEPS;

    @JsonCreator
    public static TrainingBudget parse(String s) {
        for (TrainingBudget b : values()) {
            if (b.name().equalsIgnoreCase(s.strip())) {
                return b;
            }
        }
        throw new IllegalArgumentException("budget must be epochs or steps, got '" + s + "'");
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
