package dev.winnow.policy;

import dev.winnow.catalogue.Entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A dynamic policy as a value: its name and typed parameters, parsed once from a spec such as
 * {@code "ucb:0.3,1.0"} or {@code "infobatch:0.5"} (forms and defaults in {@link DynamicPolicies#catalogue()})
 * and validated on construction, so that a spec travels between modules as this value, not as text.
 * {@link #build} makes the policy for a training set and a seed.
 *
 * <p>In a study the kept fraction F may be the word {@code keep} ({@code uniform:keep},
 * {@code ucb:keep,1.0}): the study runs the method at each of its kept fractions, {@link #atKeep} filling
 * one in. A spec that {@link #usesKeep() uses keep} cannot be built.
 *
 * <p>{@link #toString()} is the canonical spec (every positional parameter written, defaults included;
 * {@code alpha=}/{@code refresh=} only where not the default), and {@code parse(s.toString()).equals(s)}.
 * It is also the {@link EpochPolicy#name()} of the policy it builds.
 */
public sealed interface PolicySpec {
    /** The word that stands for a study's kept fraction F. */
    String KEEP = "keep";

    /** The policy's name as the catalogue lists it: {@code full}, {@code uniform}, {@code eps-greedy}, {@code ucb}, {@code infobatch}. */
    String name();

    /** The policy for a training set of {@code n} examples and a seed; fails when F is still {@code keep}. */
    EpochPolicy build(int n, long seed);

    /** Whether F is the word {@code keep}, which a study replaces by each of its kept fractions. */
    default boolean usesKeep() {
        return false;
    }

    /** This spec with {@code keep} replaced by the kept fraction {@code f} (itself when it does not use keep). */
    default PolicySpec atKeep(double f) {
        return this;
    }

    /**
     * This spec, checked to be buildable where no study fills in {@code keep} ({@code winnow train --dynamic}).
     *
     * @throws IllegalArgumentException "bad dynamic policy '…': F is 'keep', …" when it {@link #usesKeep() uses keep}
     */
    default PolicySpec requireConcrete() {
        if (usesKeep()) {
            throw new IllegalArgumentException("bad dynamic policy '" + this + "': F is '" + KEEP
                    + "', the kept fraction a study fills in; give F as a number in (0,1]");
        }
        return this;
    }

    /** Every example every epoch, unweighted. */
    record Full() implements PolicySpec {
        @Override
        public String name() {
            return "full";
        }

        @Override
        public EpochPolicy build(int n, long seed) {
            return new FullPolicy(n);
        }

        @Override
        public String toString() {
            return "full";
        }
    }

    /** A fresh random F·N each epoch; {@code fraction} {@code null} for {@code keep}. */
    record Uniform(Double fraction) implements PolicySpec {
        public Uniform {
            checkFraction(fraction);
        }

        @Override
        public String name() {
            return "uniform";
        }

        @Override
        public EpochPolicy build(int n, long seed) {
            requireConcrete();
            return new UniformPolicy(n, seed, fraction);
        }

        @Override
        public boolean usesKeep() {
            return fraction == null;
        }

        @Override
        public PolicySpec atKeep(double f) {
            return usesKeep() ? new Uniform(f) : this;
        }

        @Override
        public String toString() {
            return "uniform:" + fractionText(fraction);
        }
    }

    /**
     * One of the two policies on the loss moving averages ({@link LossEmaPolicy}), which share their parameters
     * and differ in the rule that spends the budget: the kept fraction F ({@code null} for {@code keep}), the
     * rule's own weight (ε of eps-greedy, c of ucb), the moving-average weight α and the refresh period.
     * Written {@code name:F,W} with {@code ,alpha=..,refresh=..} only where not the default.
     */
    record LossEma(Rule rule, Double fraction, double weight, double alpha, int refresh) implements PolicySpec {
        /** How the budget left after the unseen examples is spent. */
        public enum Rule {
            /** The highest mean loss, an ε share at random ({@link EpsilonGreedyPolicy}). */
            EPS_GREEDY,
            /** The highest mean + c·std of the loss ({@link UcbPolicy}). */
            UCB;

            /** The policy's name: {@code eps-greedy} or {@code ucb}. */
            public String policy() {
                return this == UCB ? "ucb" : "eps-greedy";
            }

            /** The weight's name in the catalogue: {@code EPS} or {@code C}. */
            public String weightName() {
                return this == UCB ? "C" : "EPS";
            }
        }

        public LossEma {
            Objects.requireNonNull(rule, "rule");
            checkFraction(fraction);
            if (rule == Rule.UCB) {
                DynamicPolicies.checkConfidence(weight);
            } else {
                DynamicPolicies.checkEpsilon(weight);
            }
            DynamicPolicies.checkAlpha(alpha);
            DynamicPolicies.checkRefresh(refresh);
        }

        @Override
        public String name() {
            return rule.policy();
        }

        @Override
        public EpochPolicy build(int n, long seed) {
            requireConcrete();
            return rule == Rule.UCB ? new UcbPolicy(n, seed, this) : new EpsilonGreedyPolicy(n, seed, this);
        }

        @Override
        public boolean usesKeep() {
            return fraction == null;
        }

        @Override
        public PolicySpec atKeep(double f) {
            return usesKeep() ? new LossEma(rule, f, weight, alpha, refresh) : this;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(name()).append(':').append(fractionText(fraction)).append(',')
                    .append(Picks.num(weight));
            Entry e = DynamicPolicies.entry(name());
            if (alpha != e.defaultOf("alpha")) {
                sb.append(",alpha=").append(Picks.num(alpha));
            }
            if (refresh != (int) e.defaultOf("refresh")) {
                sb.append(",refresh=").append(refresh);
            }
            return sb.toString();
        }
    }

    /** ε-greedy with kept fraction F ({@code null} for {@code keep}), ε, α and refresh period. */
    static LossEma epsGreedy(Double fraction, double epsilon, double alpha, int refresh) {
        return new LossEma(LossEma.Rule.EPS_GREEDY, fraction, epsilon, alpha, refresh);
    }

    /** ε-greedy with the default α and no refresh passes. */
    static LossEma epsGreedy(Double fraction, double epsilon) {
        return epsGreedy(fraction, epsilon, LossEmaPolicy.DEFAULT_ALPHA, 0);
    }

    /** UCB with kept fraction F ({@code null} for {@code keep}), c, α and refresh period. */
    static LossEma ucb(Double fraction, double c, double alpha, int refresh) {
        return new LossEma(LossEma.Rule.UCB, fraction, c, alpha, refresh);
    }

    /** UCB with the default α and no refresh passes. */
    static LossEma ucb(Double fraction, double c) {
        return ucb(fraction, c, LossEmaPolicy.DEFAULT_ALPHA, 0);
    }

    /** InfoBatch with drop rate {@code rate} and annealing share {@code delta} (see {@link InfoBatchPolicy}). */
    record InfoBatch(double rate, double delta) implements PolicySpec {
        public InfoBatch {
            DynamicPolicies.checkPruneRatio(rate);
            DynamicPolicies.checkDelta(delta);
        }

        @Override
        public String name() {
            return "infobatch";
        }

        @Override
        public EpochPolicy build(int n, long seed) {
            return new InfoBatchPolicy(n, seed, rate, delta);
        }

        @Override
        public String toString() {
            return "infobatch:" + Picks.num(rate) + "," + Picks.num(delta);
        }
    }

    /**
     * Parses a spec, e.g. {@code "ucb:0.3,1.0"}, {@code "eps-greedy:keep"} or {@code "infobatch:0.5"}; names are
     * case-blind, blanks around parts are ignored, missing parameters take the catalogue's defaults.
     *
     * @throws IllegalArgumentException with one line that says what is wrong and lists {@link DynamicPolicies#FORMS}
     */
    static PolicySpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty dynamic policy spec; " + DynamicPolicies.FORMS);
        }
        try {
            return parseTrimmed(spec.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "bad dynamic policy '" + spec.trim() + "': " + e.getMessage() + "; " + DynamicPolicies.FORMS, e);
        }
    }

    private static PolicySpec parseTrimmed(String spec) {
        int colon = spec.indexOf(':');
        String name = (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        List<String> positional = new ArrayList<>();
        List<String> options = new ArrayList<>();
        if (colon >= 0) {
            for (String part : spec.substring(colon + 1).split(",", -1)) {
                String p = part.trim();
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("empty parameter");
                }
                if (p.contains("=")) {
                    options.add(p);
                } else if (!options.isEmpty()) {
                    throw new IllegalArgumentException("positional parameter '" + p + "' after key=value options");
                } else {
                    positional.add(p);
                }
            }
        }
        Entry entry = DynamicPolicies.entry(name);
        switch (name) {
            case "full" -> {
                expect(name, positional, 0, 0, options, false);
                return new Full();
            }
            case "uniform" -> {
                expect(name, positional, 1, 1, options, false);
                return new Uniform(fraction(positional.get(0)));
            }
            case "eps-greedy", "ucb" -> {
                expect(name, positional, 1, 2, options, true);
                Double f = fraction(positional.get(0));
                LossEma.Rule rule = name.equals("ucb") ? LossEma.Rule.UCB : LossEma.Rule.EPS_GREEDY;
                String second = rule.weightName();
                double weight = positional.size() > 1 ? number(second, positional.get(1)) : entry.defaultOf(second);
                double alpha = entry.defaultOf("alpha");
                int refresh = (int) entry.defaultOf("refresh");
                for (String o : options) {
                    String key = o.substring(0, o.indexOf('=')).trim();
                    String value = o.substring(o.indexOf('=') + 1).trim();
                    switch (key) {
                        case "alpha" -> alpha = number("alpha", value);
                        case "refresh" -> refresh = integer("refresh", value);
                        default -> throw new IllegalArgumentException(
                                "unknown option '" + key + "' (options: alpha, refresh)");
                    }
                }
                return new LossEma(rule, f, weight, alpha, refresh);
            }
            case "infobatch" -> {
                expect(name, positional, 1, 2, options, false);
                double r = number("R", positional.get(0));
                double delta = positional.size() > 1 ? number("DELTA", positional.get(1)) : entry.defaultOf("DELTA");
                return new InfoBatch(r, delta);
            }
            default -> throw new AssertionError(name); // entry() refused unknown names
        }
    }

    private static void expect(String name, List<String> positional, int min, int max,
                               List<String> options, boolean optionsAllowed) {
        if (positional.size() < min || positional.size() > max) {
            String want = min == max ? Integer.toString(min) : min + " or " + max;
            throw new IllegalArgumentException(
                    name + " takes " + want + " parameter" + (max == 1 ? "" : "s") + ", got " + positional.size());
        }
        if (!optionsAllowed && !options.isEmpty()) {
            throw new IllegalArgumentException(name + " takes no key=value options, got '" + options.get(0) + "'");
        }
    }

    /** F: a number, or {@code null} for the word {@code keep}. */
    private static Double fraction(String text) {
        return text.equals(KEEP) ? null : number("F", text);
    }

    private static double number(String what, String text) {
        try {
            double x = Double.parseDouble(text);
            if (!Double.isFinite(x)) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + text + "'");
        }
    }

    private static int integer(String what, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not an integer: '" + text + "'");
        }
    }

    private static void checkFraction(Double f) {
        if (f != null) {
            DynamicPolicies.checkFraction(f);
        }
    }

    private static String fractionText(Double f) {
        return f == null ? KEEP : Picks.num(f);
    }
}
