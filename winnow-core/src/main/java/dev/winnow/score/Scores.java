package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.ScoreTable;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry of scores: {@link #parse} turns what the user wrote ({@code el2n@3}, {@code aum},
 * {@code cat@5}) into a {@link Score}; {@link #catalogue} lists them for help texts.
 */
public final class Scores {
    private Scores() {
    }

    /** One line of the catalogue: how to write it, what it means, what it reads, where it comes from. */
    public record Entry(String usage, String meaning, String needs, String source) {
        /** The name before any {@code @} (or {@code [@}, an optional argument). */
        public String base() {
            int at = usage.indexOf('@');
            if (at > 0 && usage.charAt(at - 1) == '[') {
                at--;
            }
            return at < 0 ? usage : usage.substring(0, at);
        }

        boolean takesArgument() {
            return usage.indexOf('@') >= 0;
        }

        /** True for a usage like {@code dealrec[@E]}: the {@code @} argument may be left out. */
        boolean argumentOptional() {
            return usage.contains("[@");
        }
    }

    private static final List<Entry> CATALOGUE = List.of(
            new Entry("random", "seeded uniform in [0,1) from the id (--seed)", "nothing", "baseline"),
            new Entry("el2n@E", "error L2 norm ||p - onehot(y)|| at epoch E", "el2n", "Paul et al. 2021"),
            new Entry("grand@E", "last-layer gradient norm at epoch E", "grad_norm", "Paul et al. 2021"),
            new Entry("loss@E", "cross-entropy loss at epoch E", "loss", "baseline"),
            new Entry("entropy@E", "predictive entropy at epoch E", "entropy", "baseline"),
            new Entry("least_confidence@E", "1 - p_max at epoch E", "p_max", "baseline"),
            new Entry("margin@E", "-(p_1st - p_2nd) at epoch E", "top2_margin", "baseline"),
            new Entry("forgetting", "correct->wrong flips (never correct: #presentations)",
                    "correct (presentations)", "Toneva et al. 2019"),
            new Entry("aum", "-mean logit margin over presentations",
                    "logit_margin (presentations)", "Pleiss et al. 2020"),
            new Entry("vog", "variance of gradients (--vog-per-class: within class)", "vog.npy",
                    "Agarwal et al. 2022"),
            new Entry("cat@K", "variance of exp(loss) over checkpoints of epochs <= K",
                    "loss (checkpoints)", "Chimoto et al. 2024"),
            new Entry("influence", "influence on the mean training loss of removing the example, through a damped "
                    + "logistic regression on the features (higher = removing it raises the loss more)",
                    "features.npy", "Koh & Liang 2017; DEALRec"),
            new Entry("dealrec[@E]", "minmax(influence) + λ·minmax(grad_norm at epoch E; default the last epoch), λ = 1",
                    "features.npy, grad_norm", "Lin et al. 2024"),
            new Entry("external", "--column COL of your CSV --external FILE, by id",
                    "nothing", "your own model"));

    /** Every score, in the order of the help text. */
    public static List<Entry> catalogue() {
        return CATALOGUE;
    }

    /** The usages, comma-separated, e.g. for an error message. */
    public static String known() {
        return CATALOGUE.stream().map(Entry::usage).collect(Collectors.joining(", "));
    }

    /**
     * Scores every example of {@code store} into an id,label,score table; examples the score never
     * observed are handled by {@code missing}.
     */
    public static ScoreTable table(DynamicsStore store, Score score, MissingPolicy missing) {
        float[] values = score.compute(store);
        missing.apply(score.name(), values, store.ids(), store.dir());
        return new ScoreTable(store.ids(), store.labels(), values);
    }

    /**
     * The score {@code spec} names. Throws {@link IllegalArgumentException} (a usage error) for an
     * unknown name, a missing or malformed {@code @E}/{@code @K}, or options the score needs but lacks.
     */
    public static Score parse(String spec, ScoreOptions opts) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no score given; known scores: " + known());
        }
        String s = spec.strip();
        int at = s.indexOf('@');
        String base = at < 0 ? s : s.substring(0, at);
        String arg = at < 0 ? null : s.substring(at + 1);
        Entry entry = CATALOGUE.stream().filter(e -> e.base().equals(base)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown score '" + s + "'; known scores: " + known()));
        if (entry.takesArgument() != (arg != null) && !(entry.argumentOptional() && arg == null)) {
            throw new IllegalArgumentException(entry.takesArgument()
                    ? "score '" + base + "' needs an epoch: write " + entry.usage() + ", e.g. " + base + "@10"
                    : "score '" + base + "' takes no @ argument: write " + base);
        }
        int e = arg == null ? 0 : parseEpoch(s, arg);
        ScoreOptions o = opts == null ? ScoreOptions.defaults() : opts;
        return switch (base) {
            case "random" -> new RandomScore(o.seed());
            case "el2n" -> new El2nScore(e);
            case "grand" -> new GrandScore(e);
            case "loss" -> new LossScore(e);
            case "entropy" -> new EntropyScore(e);
            case "least_confidence" -> new LeastConfidenceScore(e);
            case "margin" -> new MarginScore(e);
            case "forgetting" -> new ForgettingScore();
            case "aum" -> new AumScore();
            case "vog" -> new VogScore(o.vogPerClass());
            case "cat" -> new CatScore(e);
            case "influence" -> new InfluenceScore(o.influenceDamping());
            case "dealrec" -> new DealrecScore(e, o.dealrecLambda(), o.influenceDamping());
            case "external" -> new ExternalScore(o.externalFile(), o.externalColumn());
            default -> throw new IllegalStateException("catalogue entry without a score: " + base);
        };
    }

    private static int parseEpoch(String spec, String arg) {
        try {
            int e = Integer.parseInt(arg);
            if (e >= 1) {
                return e;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("score '" + spec + "': the part after @ must be an epoch ≥ 1");
    }
}
