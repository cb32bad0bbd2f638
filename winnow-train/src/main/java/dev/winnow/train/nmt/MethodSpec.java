package dev.winnow.train.nmt;

import dev.winnow.policy.PolicySpec;
import dev.winnow.score.ScoreSpec;
import dev.winnow.select.Strategy;
import dev.winnow.select.StrategySpec;

import java.util.Locale;

/**
 * One method of a translation study, parsed once: {@code random}; {@code longest} (the longest pairs, source
 * plus target tokens, first); {@code external} (the {@link QualityScore} filter: the best pairs by the quality
 * stand-in); {@code dynamic:POLICY} ({@code dynamic:uniform:keep}, {@code dynamic:infobatch:0.5}); or
 * {@code SCORE:STRATEGY} over the proxy's loss-only dynamics store ({@code cat@2:hard}, {@code loss@2:easy}).
 *
 * @param name     the text as written, lower case
 * @param kind     which of the above
 * @param score    the core score ({@link Kind#PROXY} only)
 * @param strategy the selection ({@link Kind#PROXY} only)
 * @param policy   the dynamic policy ({@link Kind#DYNAMIC} only)
 */
public record MethodSpec(String name, Kind kind, ScoreSpec score, StrategySpec strategy, PolicySpec policy) {
    /** What a method selects by. */
    public enum Kind { RANDOM, LONGEST, EXTERNAL, PROXY, DYNAMIC }

    /** Parses one method; one-line {@link IllegalArgumentException} when it is not one of the forms. */
    public static MethodSpec parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "random" -> {
                return new MethodSpec(t, Kind.RANDOM, null, StrategySpec.of(Strategy.RANDOM), null);
            }
            case "longest" -> {
                return new MethodSpec(t, Kind.LONGEST, null, StrategySpec.of(Strategy.HARD), null);
            }
            case "external" -> {
                return new MethodSpec(t, Kind.EXTERNAL, null, StrategySpec.of(Strategy.EASY), null);
            }
            default -> {
            }
        }
        try {
            if (t.startsWith("dynamic:")) {
                return new MethodSpec(t, Kind.DYNAMIC, null, null, PolicySpec.parse(t.substring("dynamic:".length())));
            }
            int colon = t.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("write random, longest, external, dynamic:POLICY or SCORE:STRATEGY");
            }
            return new MethodSpec(t, Kind.PROXY, ScoreSpec.parse(t.substring(0, colon)),
                    StrategySpec.parse(t.substring(colon + 1)), null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("method '" + t + "': " + e.getMessage(), e);
        }
    }

    /** Whether it runs at each kept fraction (every method but a dynamic policy with its own rate). */
    public boolean usesKeep() {
        return kind != Kind.DYNAMIC || policy.usesKeep();
    }
}
