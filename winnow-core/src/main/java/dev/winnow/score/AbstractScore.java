package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What every score shares: its name, the signals and observation kinds it reads, and the check, before it
 * computes anything, that the store has those signals (one line naming the score, the signal and the store).
 * A new score passes these to the constructor and writes {@link #scores}.
 */
abstract class AbstractScore implements Score {
    private final String name;
    private final Set<String> signals;
    private final Set<ObservationKind> kinds;

    /** A score that reads no signal rows (its own file, the features, the ids). */
    AbstractScore(String name) {
        this(name, Set.of(), Set.of());
    }

    AbstractScore(String name, Set<String> signals, Set<ObservationKind> kinds) {
        this.name = name;
        this.signals = Set.copyOf(signals);
        this.kinds = kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<String> requiredSignals() {
        return signals;
    }

    @Override
    public final Set<ObservationKind> observationKinds() {
        return kinds;
    }

    @Override
    public final float[] compute(DynamicsStore store) {
        StoreRows.requireSignals(this, store);
        return scores(store);
    }

    /** The scores of a store known to hold {@link #requiredSignals()}; the contract of {@link #compute}. */
    abstract float[] scores(DynamicsStore store);
}
