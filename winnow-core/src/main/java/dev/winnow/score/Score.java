package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;

import java.util.Set;

/**
 * A per-example score computed from a dynamics store. One convention (DESIGN.md): <b>higher = harder</b>
 * (more informative), so "keep the hardest" is always the top of the list; where the literature's
 * quantity runs the other way the score negates it and says so.
 *
 * <p>Scores stream over the store's memory-mapped signal rows and allocate O(N), never O(T·N). They
 * average over the store's runs; an example with no usable observation in a run is left out of that
 * run's average, and an example with none in any run gets NaN ("not observed"), which the caller
 * resolves with a {@link MissingPolicy}.
 */
public interface Score {
    /** The name as the user writes it, e.g. {@code el2n@3}. */
    String name();

    /** The store signals the score reads; none unless the score says otherwise. */
    default Set<String> requiredSignals() {
        return Set.of();
    }

    /** The observation kinds it reads; none (no signal rows) unless the score says otherwise. */
    default Set<ObservationKind> observationKinds() {
        return Set.of();
    }

    /**
     * One float per example in store index order, higher = harder, NaN where the example was never
     * observed where the score looks. Fails with a {@link dev.winnow.WinnowException} naming the store
     * and what is missing when the store lacks a signal, file or observation the score needs.
     */
    float[] compute(DynamicsStore store);
}
