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

    /** The optimizer steps of full training: {@code epochs · ⌈n / batchSize⌉}. */
    static long fullSteps(int epochs, int n, int batchSize) {
        return epochs * ceilDiv(n, batchSize);
    }

    /**
     * The steps of {@code full:shorter} at kept fraction {@code keep}: ⌈keep · fullSteps⌉, at least 1. A product
     * that is a whole number but for the last bits of the double ({@code 0.3 · 40 = 12.000000000000002}) is that
     * whole number, as the fraction written in decimal means it.
     */
    static long shorterSteps(double keep, long fullSteps) {
        double x = keep * fullSteps;
        long nearest = Math.round(x);
        long steps = Math.abs(x - nearest) <= 1e-9 * Math.max(1, x) ? nearest : (long) Math.ceil(x);
        return Math.max(1, steps);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
