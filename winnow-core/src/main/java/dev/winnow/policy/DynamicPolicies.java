package dev.winnow.policy;

import dev.winnow.catalogue.Entry;
import dev.winnow.catalogue.Param;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of dynamic policies: for each, how it is written, its parameters with their defaults and
 * ranges, one help line and its paper, as {@link Entry} records. {@link PolicySpec#parse} takes its
 * defaults from these entries and error messages list {@link #FORMS} made from them, so a default is
 * stated once. The range checks the specs and policies share live here too.
 *
 * <p>Defaults and their sources: ε = {@value EpsilonGreedyPolicy#DEFAULT_EPSILON} and
 * C = {@value UcbPolicy#DEFAULT_C} for the bandit policies of Raju et al. 2021 ("Accelerating Deep Learning
 * with Dynamic Data Pruning"), the values this project's dynamic-pruning comparison ran them with
 * (README); the moving-average weight α = {@value LossEmaPolicy#DEFAULT_ALPHA}; δ =
 * {@value InfoBatchPolicy#DEFAULT_DELTA} from Qin et al. 2024 ("InfoBatch: Lossless Training Speed Up by
 * Unbiased Dynamic Data Pruning").
 */
public final class DynamicPolicies {
    private DynamicPolicies() {}

    private static final String RAJU = "Raju et al. 2021, Accelerating Deep Learning with Dynamic Data Pruning";
    private static final Param F = Param.required("F", "kept fraction (the word keep in a study)", "(0,1]");
    private static final Param ALPHA = Param.optional("alpha", "weight of the newest loss in the moving averages",
            LossEmaPolicy.DEFAULT_ALPHA, "(0,1]");
    private static final Param REFRESH = Param.optional("refresh",
            "epochs between forward-only refresh passes over all examples, 0 = never", 0, ">= 0");

    private static final List<Entry> CATALOGUE = List.of(
            new Entry(Entry.Kind.POLICY, "full", "full", List.of(),
                    "every example every epoch, unweighted: the baseline pruning must beat", "baseline"),
            new Entry(Entry.Kind.POLICY, "uniform", "uniform:F", List.of(F),
                    "a fresh uniform random F*N examples each epoch: the random dynamic baseline", RAJU),
            new Entry(Entry.Kind.POLICY, "eps-greedy", "eps-greedy:F[,EPS][,alpha=A][,refresh=EVERY]",
                    List.of(F, Param.optional("EPS", "share of the budget explored at random",
                            EpsilonGreedyPolicy.DEFAULT_EPSILON, "[0,1]"), ALPHA, REFRESH),
                    "unseen examples first, then the highest moving-average loss, an EPS share at random", RAJU),
            new Entry(Entry.Kind.POLICY, "ucb", "ucb:F[,C][,alpha=A][,refresh=EVERY]",
                    List.of(F, Param.optional("C", "weight of the loss's standard deviation",
                            UcbPolicy.DEFAULT_C, ">= 0"), ALPHA, REFRESH),
                    "unseen examples first, then the highest mean + C*std of the moving-average loss", RAJU),
            new Entry(Entry.Kind.POLICY, "infobatch", "infobatch:R[,DELTA]",
                    List.of(Param.required("R", "drop rate of the examples with loss below the mean", "[0,1)"),
                            Param.optional("DELTA", "share of the epochs that prune; later ones use all data",
                                    InfoBatchPolicy.DEFAULT_DELTA, "(0,1]")),
                    "drop below-mean-loss examples at rate R, weight the kept ones 1/(1-R); all data at the end",
                    "Qin et al. 2024, InfoBatch: Lossless Training Speed Up by Unbiased Dynamic Data Pruning"));

    /** Every dynamic policy, in the order help lists them. */
    public static List<Entry> catalogue() {
        return CATALOGUE;
    }

    /** The entry of policy {@code name}; an unknown name fails with "unknown policy 'name'". */
    public static Entry entry(String name) {
        for (Entry e : CATALOGUE) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown policy '" + name + "'");
    }

    /** The valid spec forms and parameter ranges, as error messages and {@code --help} show them. */
    public static final String FORMS = forms();

    private static String forms() {
        StringBuilder usages = new StringBuilder();
        Map<String, Param> params = new LinkedHashMap<>();
        for (Entry e : CATALOGUE) {
            usages.append(usages.length() == 0 ? "" : " | ").append(e.usage());
            e.params().forEach(p -> params.putIfAbsent(p.name(), p));
        }
        StringBuilder sb = new StringBuilder("valid forms: ").append(usages).append(" (");
        String sep = "";
        for (Param p : params.values()) {
            sb.append(sep).append(p.helpLine());
            sep = "; ";
        }
        return sb.append(')').toString();
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
