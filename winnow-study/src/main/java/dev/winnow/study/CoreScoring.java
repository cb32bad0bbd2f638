package dev.winnow.study;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.ScoreTable;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;
import dev.winnow.select.Budget;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.Selector;
import dev.winnow.select.Strategy;

import java.util.List;

/**
 * The study's scorer and selector backed by the core: {@link ScoreSpec#parse} for every score and
 * {@link Selector#select} for every strategy, so a study's keep-lists are the ones {@code winnow select}
 * writes for the same scores, keep fraction and seed.
 */
public final class CoreScoring {
    private CoreScoring() {
    }

    /** Scores from {@code dev.winnow.score}, seeded with the study seed. */
    public static StudyEngine.Scorer scorer() {
        return new StudyEngine.Scorer() {
            @Override
            public float[] score(String scoreSpec, DynamicsStore store, long seed) {
                return ScoreSpec.parse(scoreSpec).create(ScoreOptions.defaults().withSeed(seed)).compute(store);
            }

            @Override
            public void validate(String scoreSpec) {
                ScoreSpec.parse(scoreSpec).create(ScoreOptions.defaults());
            }
        };
    }

    /** The core selection options of a method at a kept fraction. */
    public static SelectOptions options(MethodSpec m, double keep, long seed) {
        Strategy st = Strategy.parse(m.strategy());
        SelectOptions o = SelectOptions.of(st, new Budget.Fraction(keep), seed).withClassBalanced(m.classBalanced());
        List<Double> p = m.params();
        switch (st) {
            case WINDOW -> o = o.withOffset(p.get(0));
            case CALIBRATED -> o = o.withAlpha(p.get(0));
            case STRATIFIED -> {
                if (!p.isEmpty()) {
                    o = o.withDropHardest(p.get(0));
                }
                if (p.size() > 1) {
                    o = o.withBins((int) Math.round(p.get(1)));
                }
            }
            default -> {
                // hard, easy, random: no parameters
            }
        }
        return o;
    }

    /** Selection from {@code dev.winnow.select}; random selection reads no scores. */
    public static StudyEngine.Selector selector() {
        return (m, scores, labels, ids, keep, seed) -> {
            float[] s = scores != null ? scores : new float[ids.length];
            return Selector.select(new ScoreTable(ids, labels, s), options(m, keep, seed));
        };
    }
}
