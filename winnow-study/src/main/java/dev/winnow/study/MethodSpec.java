package dev.winnow.study;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One pruning method of a study, written {@code SCORE:STRATEGY[:params]} ({@code el2n@2:hard},
 * {@code aum:stratified}, {@code el2n@2:calibrated:0.5}, {@code forgetting:window:0.05}), the bare word
 * {@code random} (uniform selection, no proxy), or {@code dynamic:POLICY}. The {@code full} baseline is
 * implicit in every study. A trailing {@code :balanced} asks for class-balanced selection.
 *
 * @param name     the text as written (normalised to lower case): the method's name in results
 * @param score    the score spec handed to the scorer ({@code random} for the random method)
 * @param strategy {@code random}, {@code hard}, {@code easy}, {@code window}, {@code stratified},
 *                 {@code calibrated} or {@code dynamic}
 * @param params   the strategy's numeric parameters, in order
 * @param classBalanced whether the strategy runs inside each class with proportional quotas
 * @param policy   the dynamic policy spec (only for {@code dynamic})
 */
public record MethodSpec(String name, String score, String strategy, List<Double> params,
                         boolean classBalanced, String policy) {
    /** The name of the implicit full-data baseline in results. */
    public static final String FULL = "full";

    private static final List<String> STRATEGIES =
            List.of("random", "hard", "easy", "window", "stratified", "calibrated");
    private static final Pattern SCORE = Pattern.compile("[a-z][a-z0-9_]*(@[0-9]+)?");

    public MethodSpec {
        params = List.copyOf(params);
        if (!strategy.equals("dynamic") && !STRATEGIES.contains(strategy)) {
            throw new IllegalArgumentException("method '" + name + "': unknown strategy '" + strategy
                    + "' (one of " + String.join(", ", STRATEGIES) + ", or dynamic:POLICY)");
        }
        switch (strategy) {
            case "random", "hard", "easy" -> requireCount(name, params, 0, 0, "");
            case "window" -> {
                requireCount(name, params, 1, 1, " (window:OFFSET, the hardest fraction to skip)");
                requireFraction(name, params.get(0), "offset", true);
            }
            case "stratified" -> {
                requireCount(name, params, 0, 2, " (stratified[:BETA[:BINS]])");
                if (params.size() > 0) {
                    requireFraction(name, params.get(0), "beta (hardest fraction dropped)", true);
                }
                if (params.size() > 1 && (params.get(1) < 1 || params.get(1) != Math.floor(params.get(1)))) {
                    throw new IllegalArgumentException("method '" + name + "': bins must be a whole number ≥ 1");
                }
            }
            case "calibrated" -> {
                requireCount(name, params, 1, 1, " (calibrated:ALPHA, the hardest share of the budget)");
                double a = params.get(0);
                if (!(a >= 0 && a < 1)) {
                    throw new IllegalArgumentException("method '" + name + "': alpha must be in [0, 1), got " + a);
                }
            }
            case "dynamic" -> {
                if (policy == null || policy.isBlank()) {
                    throw new IllegalArgumentException("method '" + name + "': dynamic needs a policy, e.g. dynamic:uniform:keep or dynamic:infobatch:0.5");
                }
                try {
                    dev.winnow.policy.PolicySpec.parse(policyAt(policy, 0.5));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("method '" + name + "': " + e.getMessage());
                }
            }
            default -> throw new AssertionError(strategy);
        }
        if (!strategy.equals("dynamic") && !SCORE.matcher(score).matches()) {
            throw new IllegalArgumentException("method '" + name + "': '" + score + "' is not a score spec (like el2n@2, aum, forgetting)");
        }
    }

    private static void requireCount(String name, List<Double> params, int min, int max, String hint) {
        if (params.size() < min || params.size() > max) {
            throw new IllegalArgumentException("method '" + name + "': expects "
                    + (min == max ? Integer.toString(min) : min + " to " + max) + " parameter(s), got " + params.size() + hint);
        }
    }

    private static void requireFraction(String name, double v, String what, boolean zeroOk) {
        if (!(v >= 0 && v < 1) || (!zeroOk && v == 0)) {
            throw new IllegalArgumentException("method '" + name + "': " + what + " must be in [0, 1), got " + v);
        }
    }

    /** The word in a dynamic policy that stands for the study's kept fraction ({@code dynamic:uniform:keep}). */
    public static final String KEEP_TOKEN = "keep";

    private static String policyAt(String policy, double keep) {
        return policy.replaceAll("(?<=[:,])" + KEEP_TOKEN + "(?=,|$)", Double.toString(keep));
    }

    /** The policy spec of a dynamic method at kept fraction {@code keep} (the {@code keep} word replaced). */
    public String policyAt(double keep) {
        return policyAt(policy, keep);
    }

    /**
     * Whether the method runs once per kept fraction: every static method, and a dynamic one whose policy
     * names {@code keep}. A dynamic policy with its own rates (infobatch:0.5) runs once per seed, at keep 1.
     */
    public boolean perKeep() {
        return !strategy.equals("dynamic") || !policyAt(policy, 0.5).equals(policy);
    }

    /** The kept fractions this method runs at, given the study's. */
    public List<Double> keeps(List<Double> studyKeeps) {
        return perKeep() ? studyKeeps : List.of(1.0);
    }

    /** Whether the method needs proxy dynamics (every method except random and dynamic). */
    public boolean needsProxy() {
        return !score.equals("random") && !strategy.equals("dynamic");
    }

    /** Whether the study computes a score for this method (everything but random selection and dynamic). */
    public boolean needsScore() {
        return !strategy.equals("random") && !strategy.equals("dynamic");
    }

    /**
     * Splits what a comma list of methods was cut into back into methods, where a dynamic policy's own commas
     * cut it ({@code dynamic:ucb:keep}, {@code 1.0} → {@code dynamic:ucb:keep,1.0}). Every method but
     * {@code random} has a colon and no policy parameter has one, so a piece without a colon, other than
     * {@code random}, continues the dynamic method before it; the policy's parser then checks the whole.
     */
    static List<String> joinPolicyParameters(List<String> pieces) {
        List<String> out = new ArrayList<>();
        for (String piece : pieces) {
            String p = piece.strip();
            boolean continues = !out.isEmpty() && out.get(out.size() - 1).startsWith("dynamic:")
                    && p.indexOf(':') < 0 && !p.equalsIgnoreCase("random");
            if (continues) {
                out.set(out.size() - 1, out.get(out.size() - 1) + "," + p);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Parses {@code random}, {@code dynamic:POLICY} or {@code SCORE:STRATEGY[:params][:balanced]}. */
    public static MethodSpec parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty method (write e.g. random, el2n@2:hard, aum:stratified)");
        }
        if (t.equals(FULL)) {
            throw new IllegalArgumentException("'full' is the implicit baseline of every study; leave it out of --methods");
        }
        if (t.equals("random")) {
            return new MethodSpec(t, "random", "random", List.of(), false, null);
        }
        if (t.startsWith("dynamic:")) {
            return new MethodSpec(t, "dynamic", "dynamic", List.of(), false, t.substring("dynamic:".length()));
        }
        String[] parts = t.split(":", -1);
        if (parts.length < 2) {
            throw new IllegalArgumentException("method '" + t + "': write SCORE:STRATEGY[:params], e.g. el2n@2:hard (or random, dynamic:POLICY)");
        }
        boolean balanced = false;
        int end = parts.length;
        if (parts[end - 1].equals("balanced") || parts[end - 1].equals("class-balanced")) {
            balanced = true;
            end--;
        }
        List<Double> params = new java.util.ArrayList<>();
        for (int i = 2; i < end; i++) {
            try {
                params.add(Double.parseDouble(parts[i]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("method '" + t + "': parameter '" + parts[i] + "' is not a number");
            }
        }
        return new MethodSpec(t, parts[0], parts[1], params, balanced, null);
    }

    @JsonValue
    @Override
    public String toString() {
        return name;
    }
}
