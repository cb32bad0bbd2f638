package dev.winnow.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds dynamic policies from their specs, e.g. {@code "ucb:0.3,1.0"} or {@code "infobatch:0.5"}. */
public final class DynamicPolicies {
    private DynamicPolicies() {}

    /** The valid spec forms and parameter ranges, as error messages and {@code --help} show them. */
    public static final String FORMS = "valid forms: full | uniform:F | eps-greedy:F,EPS[,alpha=A][,refresh=EVERY]"
            + " | ucb:F,C[,alpha=A][,refresh=EVERY] | infobatch:R[,DELTA]"
            + " (F kept fraction in (0,1]; EPS in [0,1]; C >= 0; A in (0,1], default "
            + LossEmaPolicy.DEFAULT_ALPHA + "; EVERY >= 0 epochs between forward-only refresh passes, 0 = never"
            + " (default); R drop rate in [0,1); DELTA in (0,1], default " + InfoBatchPolicy.DEFAULT_DELTA + ")";

    /**
     * The policy {@code spec} names, for a training set of {@code n} examples and a seed.
     *
     * @throws IllegalArgumentException with one line that says what is wrong and lists {@link #FORMS}
     */
    public static DynamicPolicy parse(String spec, int n, long seed) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty dynamic policy spec; " + FORMS);
        }
        try {
            return build(spec.trim(), n, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "bad dynamic policy '" + spec.trim() + "': " + e.getMessage() + "; " + FORMS, e);
        }
    }

    private static DynamicPolicy build(String spec, int n, long seed) {
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
        switch (name) {
            case "full" -> {
                expect(name, positional, 0, 0, options, false);
                return new FullPolicy(n);
            }
            case "uniform" -> {
                expect(name, positional, 1, 1, options, false);
                return new UniformPolicy(n, seed, number("F", positional.get(0)));
            }
            case "eps-greedy", "ucb" -> {
                expect(name, positional, 2, 2, options, true);
                double f = number("F", positional.get(0));
                double second = number(name.equals("ucb") ? "C" : "EPS", positional.get(1));
                double alpha = LossEmaPolicy.DEFAULT_ALPHA;
                int refresh = 0;
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
                return name.equals("ucb")
                        ? new UcbPolicy(n, seed, f, second, alpha, refresh)
                        : new EpsilonGreedyPolicy(n, seed, f, second, alpha, refresh);
            }
            case "infobatch" -> {
                expect(name, positional, 1, 2, options, false);
                double r = number("R", positional.get(0));
                double delta = positional.size() > 1 ? number("DELTA", positional.get(1)) : InfoBatchPolicy.DEFAULT_DELTA;
                return new InfoBatchPolicy(n, seed, r, delta);
            }
            default -> throw new IllegalArgumentException("unknown policy '" + name + "'");
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

    // Range checks, shared with the policies' constructors.

    static void checkFraction(double f) {
        if (!(f > 0 && f <= 1)) {
            throw new IllegalArgumentException("kept fraction F must be in (0,1], got " + f);
        }
    }

    static void checkEpsilon(double eps) {
        if (!(eps >= 0 && eps <= 1)) {
            throw new IllegalArgumentException("EPS must be in [0,1], got " + eps);
        }
    }

    static void checkConfidence(double c) {
        if (!(c >= 0 && Double.isFinite(c))) {
            throw new IllegalArgumentException("C must be finite and >= 0, got " + c);
        }
    }

    static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0,1], got " + alpha);
        }
    }

    static void checkRefresh(int every) {
        if (every < 0) {
            throw new IllegalArgumentException("refresh must be >= 0 (0 = never), got " + every);
        }
    }

    static void checkPruneRatio(double r) {
        if (!(r >= 0 && r < 1)) {
            throw new IllegalArgumentException("drop rate R must be in [0,1), got " + r);
        }
    }

    static void checkDelta(double delta) {
        if (!(delta > 0 && delta <= 1)) {
            throw new IllegalArgumentException("DELTA must be in (0,1], got " + delta);
        }
    }
}
