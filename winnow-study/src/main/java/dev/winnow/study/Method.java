package dev.winnow.study;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.winnow.policy.PolicySpec;
import dev.winnow.score.ScoreSpec;
import dev.winnow.select.Strategy;
import dev.winnow.select.StrategySpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One pruning method of a study, parsed once from the text the user wrote by the core's own parsers
 * ({@link ScoreSpec}, {@link StrategySpec}, {@link PolicySpec}), so that the runner receives values, not
 * strings. Written {@code random}, {@code SCORE:STRATEGY[:params][:balanced]} ({@code el2n@2:hard},
 * {@code aum:stratified}, {@code el2n@2:calibrated:0.5}, {@code forgetting:window:0.05}, {@code aum:d2:5:1}),
 * a feature strategy that reads no score alone ({@code kcenter}, {@code moderate}, {@code kcenter:balanced}) or
 * {@code dynamic:POLICY} ({@code dynamic:uniform:keep}, {@code dynamic:infobatch:0.5}); {@link Full} and
 * {@link Shorter} are the baselines every study runs and are not written.
 *
 * <p>A method's {@link #name()} is the text as written, lower case and stripped: the name in
 * {@code results.jsonl}, {@code study.json} (Jackson writes a method as its name) and the report.
 */
public sealed interface Method permits Method.Full, Method.Shorter, Method.Random, Method.Static, Method.Dynamic,
        Method.Cleaned {
    /** The name of the implicit full-data baseline in results. */
    String FULL = "full";

    /** The name of the implicit baseline that trains on all the data for fewer steps ({@link Shorter}). */
    String SHORTER = "full:shorter";

    /** The name of uniform random selection. */
    String RANDOM = "random";

    /** What a dynamic method starts with. */
    String DYNAMIC_PREFIX = "dynamic:";

    /** What a method that drops near-duplicates first starts with: {@code dedup[@EPS]:}. */
    String DEDUP = "dedup";

    /** What a method that drops confident learning's label issues first starts with. */
    String CLEAN = "clean";

    /** The method's name in results: the text as written, lower case. */
    @JsonValue
    String name();

    /** The kept fractions this method runs at, given the study's. */
    default List<Double> keeps(List<Double> studyKeeps) {
        return studyKeeps;
    }

    /** Whether the method needs proxy dynamics (a score computed from a proxy's training). */
    default boolean needsProxy() {
        return false;
    }

    /** The method that selects the keep-list: the method itself, or what a {@link Cleaned} method runs after cleaning. */
    static Method selecting(Method m) {
        return m instanceof Cleaned c ? c.then() : m;
    }

    /** Training on every example every epoch: the baseline of every study, run once per seed at keep 1. */
    record Full() implements Method {
        @Override
        public String name() {
            return FULL;
        }

        @Override
        public List<Double> keeps(List<Double> studyKeeps) {
            return List.of(1.0);
        }
    }

    /**
     * Training on every example for as many optimizer steps as a pruned run at kept fraction {@code keep} takes,
     * ⌈keep · steps of full training⌉, with the same schedule shape (it ends inside an epoch; DESIGN "Cost
     * accounting"): the honest alternative a user has for free. Each study runs it for every seed at each kept
     * fraction its methods use ({@link StudySpec#shorterKeeps()}).
     */
    record Shorter() implements Method {
        @Override
        public String name() {
            return SHORTER;
        }
    }

    /** Uniform random selection (the k smallest random keys): no proxy, no score. */
    record Random() implements Method {
        /** The selection it makes. */
        public StrategySpec strategy() {
            return StrategySpec.of(Strategy.RANDOM);
        }

        @Override
        public String name() {
            return RANDOM;
        }
    }

    /**
     * A static keep-list: {@code strategy} over {@code score}, chosen once before the target trains.
     *
     * @param name          the text as written, e.g. {@code el2n@2:calibrated:0.5}
     * @param score         the score the keep-list is selected by; {@code null} for a strategy that reads none
     *                      ({@code kcenter}, {@code moderate}, written without a score)
     * @param strategy      the selection strategy with its parameters (catalogue defaults filled in)
     * @param classBalanced whether the strategy runs inside each class with proportional quotas
     */
    record Static(String name, ScoreSpec score, StrategySpec strategy, boolean classBalanced) implements Method {
        public Static {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(strategy, "strategy");
            if (score == null && strategy.strategy().readsScores()) {
                throw new IllegalArgumentException(strategy + " reads a score: write SCORE:" + strategy);
            }
        }

        /**
         * Every score but {@code random} is computed from a proxy's dynamics; the feature strategies read the proxy's
         * features.
         */
        @Override
        public boolean needsProxy() {
            return needsFeatures() || !score.name().equals(RANDOM);
        }

        /** Whether the selection reads the score (random selection does not, so the study need not compute it). */
        public boolean needsScore() {
            return score != null && strategy.strategy().readsScores();
        }

        /** Whether the selection reads the proxy's features ({@code moderate}, {@code kcenter}, {@code d2}). */
        public boolean needsFeatures() {
            return strategy.strategy().readsFeatures();
        }

        /**
         * The strategy's parameters as the name writes them ({@code calibrated:0.5} → [0.5], {@code stratified}
         * → []): what a run's provenance records, as it always has. The others take the catalogue's defaults.
         */
        public List<Double> writtenParameters() {
            long colons = name.chars().filter(c -> c == ':').count();
            int written = (int) Math.max(0, colons - 1 - (classBalanced ? 1 : 0));
            return strategy.values().subList(0, Math.min(written, strategy.values().size()));
        }
    }

    /**
     * Dynamic pruning: {@code policy} picks each epoch's examples while the target trains. A policy whose
     * kept fraction is the word {@code keep} runs at each of the study's kept fractions; one with its own
     * rate ({@code infobatch:0.5}) runs once per seed, at keep 1.
     *
     * @param name   the text as written, e.g. {@code dynamic:ucb:keep,1.0}
     * @param policy the policy, parsed
     */
    record Dynamic(String name, PolicySpec policy) implements Method {
        public Dynamic {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public List<Double> keeps(List<Double> studyKeeps) {
            return policy.usesKeep() ? studyKeeps : List.of(1.0);
        }
    }

    /**
     * A static method run on the data that is left after a cleaning step computed from the proxy's store:
     * {@code dedup[@EPS]:X} drops the near-duplicates (cos ≥ 1 − EPS of the proxy's features, run 0; each group
     * keeps the member with the smallest random key; EPS {@value #DEFAULT_DEDUP_EPSILON} unless written) and
     * {@code clean:X} drops the examples confident learning flags (probabilities: the mean softmax over the
     * proxy's presentations), then X ({@code random} or {@code SCORE:STRATEGY}) selects k = ⌊keep·N⌋ from the
     * rest (all of the rest when fewer are left). The cleaning is charged to every run as selection time.
     *
     * @param name     the text as written, e.g. {@code clean:el2n@2:hard}
     * @param cleaning which cleaning runs first
     * @param epsilon  the near-duplicate threshold (NaN for {@code clean})
     * @param then     the selection after it: {@link Random} or {@link Static}
     */
    record Cleaned(String name, Cleaning cleaning, double epsilon, Method then) implements Method {
        public Cleaned {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(cleaning, "cleaning");
            if (!(then instanceof Random) && !(then instanceof Static)) {
                throw new IllegalArgumentException("after " + cleaning.word + ": write random or SCORE:STRATEGY");
            }
            if (cleaning == Cleaning.DEDUP) {
                dev.winnow.quality.NearDuplicates.checkEpsilon(epsilon);
            }
        }

        /** The cleaning reads the proxy's store (features or logits). */
        @Override
        public boolean needsProxy() {
            return true;
        }
    }

    /** The near-duplicate threshold of {@code dedup:X}: cos ≥ 0.99. */
    double DEFAULT_DEDUP_EPSILON = 0.01;

    /** A cleaning step before selection. */
    enum Cleaning {
        DEDUP(Method.DEDUP), LABEL_ISSUES(Method.CLEAN);

        private final String word;

        Cleaning(String word) {
            this.word = word;
        }
    }

    /** Parses {@code dedup[@EPS]:X} or {@code clean:X}; {@code null} when {@code t} is neither. */
    private static Method cleaned(String t) {
        int colon = t.indexOf(':');
        String head = colon < 0 ? t : t.substring(0, colon);
        boolean dedup = head.equals(DEDUP) || head.startsWith(DEDUP + "@");
        if (!dedup && !head.equals(CLEAN)) {
            return null;
        }
        if (colon < 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("write " + head + ":random or " + head + ":SCORE:STRATEGY");
        }
        double eps = Double.NaN;
        if (dedup) {
            eps = DEFAULT_DEDUP_EPSILON;
            if (head.length() > DEDUP.length()) {
                try {
                    eps = Double.parseDouble(head.substring(DEDUP.length() + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("dedup@EPS: EPS must be a number in (0, 2), got '"
                            + head.substring(DEDUP.length() + 1) + "'");
                }
            }
        }
        Method then = parse(t.substring(colon + 1));
        return new Cleaned(t, dedup ? Cleaning.DEDUP : Cleaning.LABEL_ISSUES, eps, then);
    }

    /**
     * Parses {@code random}, {@code dynamic:POLICY} or {@code SCORE:STRATEGY[:params][:balanced]}. A
     * strategy parameter left out takes the catalogue's default ({@code el2n@2:calibrated} is α = 0.5, as
     * {@code winnow select --strategy calibrated}).
     *
     * @throws IllegalArgumentException one line, {@code method 'TEXT': } then the core parser's message
     */
    static Method parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty method (write e.g. random, el2n@2:hard, aum:stratified)");
        }
        if (t.equals(FULL)) {
            throw new IllegalArgumentException("'full' is the implicit baseline of every study; leave it out of --methods");
        }
        if (t.equals(SHORTER)) {
            throw new IllegalArgumentException("'" + SHORTER + "' runs in every study at each kept fraction its methods "
                    + "use; leave it out of --methods");
        }
        if (t.equals(RANDOM)) {
            return new Random();
        }
        try {
            Method c = cleaned(t);
            if (c != null) {
                return c;
            }
            if (t.startsWith(DYNAMIC_PREFIX)) {
                String policy = t.substring(DYNAMIC_PREFIX.length());
                if (policy.isBlank()) {
                    throw new IllegalArgumentException(
                            "dynamic needs a policy, e.g. dynamic:uniform:keep or dynamic:infobatch:0.5");
                }
                return new Dynamic(t, PolicySpec.parse(policy));
            }
            Method features = scoreless(t);
            if (features != null) {
                return features;
            }
            int colon = t.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(
                        "write SCORE:STRATEGY[:params], e.g. el2n@2:hard (or random, dynamic:POLICY)");
            }
            String strategy = t.substring(colon + 1);
            boolean balanced = false;
            for (String suffix : List.of(":balanced", ":class-balanced")) {
                if (strategy.endsWith(suffix)) {
                    strategy = strategy.substring(0, strategy.length() - suffix.length());
                    balanced = true;
                    break;
                }
            }
            return new Static(t, ScoreSpec.parse(t.substring(0, colon)), StrategySpec.parse(strategy), balanced);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("method '" + t + "': " + e.getMessage(), e);
        }
    }

    /**
     * {@code kcenter}, {@code moderate} (with {@code :balanced}): the feature strategies that read no score, written
     * alone; {@code null} for any other text.
     */
    private static Method scoreless(String t) {
        String strategy = t;
        boolean balanced = false;
        for (String suffix : List.of(":balanced", ":class-balanced")) {
            if (strategy.endsWith(suffix)) {
                strategy = strategy.substring(0, strategy.length() - suffix.length());
                balanced = true;
                break;
            }
        }
        String first = strategy.split(":", -1)[0];
        for (Strategy s : Strategy.values()) {
            if (s.cliName().equals(first) && s.readsFeatures() && !s.readsScores()) {
                return new Static(t, null, StrategySpec.parse(strategy), balanced);
            }
        }
        return null;
    }

    /** Parses a list of methods that a comma list was cut into (see {@link #joinPolicyParameters}). */
    static List<Method> parseAll(List<String> pieces) {
        List<Method> out = new ArrayList<>();
        for (String m : joinPolicyParameters(pieces)) {
            out.add(parse(m));
        }
        return out;
    }

    /**
     * Joins what a comma list of methods was cut into back into methods, where a dynamic policy's own commas
     * cut it ({@code dynamic:ucb:keep}, {@code 1.0} → {@code dynamic:ucb:keep,1.0}). Every method but
     * {@code random} has a colon and no policy parameter has one, so a piece without a colon, other than
     * {@code random}, continues the dynamic method before it; the policy's parser then checks the whole.
     */
    static List<String> joinPolicyParameters(List<String> pieces) {
        List<String> out = new ArrayList<>();
        for (String piece : pieces) {
            String p = piece.strip();
            boolean continues = !out.isEmpty() && out.get(out.size() - 1).startsWith(DYNAMIC_PREFIX)
                    && p.indexOf(':') < 0 && !p.equalsIgnoreCase(RANDOM);
            if (continues) {
                out.set(out.size() - 1, out.get(out.size() - 1) + "," + p);
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
