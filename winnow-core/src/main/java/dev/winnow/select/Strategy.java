package dev.winnow.select;

import dev.winnow.catalogue.Catalogue;
import dev.winnow.catalogue.Entry;
import dev.winnow.catalogue.Param;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How to pick the kept examples from their scores (higher = harder). Each strategy carries its catalogue
 * {@link Entry}: how it is written in a spec ({@link StrategySpec}), its parameters with their ranges and
 * defaults, one help line and the paper; {@link #check} enforces those ranges for every caller.
 */
public enum Strategy {
    /** Top-k by score: the hardest examples. Paul et al. 2021 (EL2N/GraNd), Toneva et al. 2019. */
    HARD("hard", "the k hardest (highest scores); best when you keep much (70 percent or more)",
            "Paul et al. 2021; Toneva et al. 2019"),
    /** Bottom-k by score: the easiest examples; Sorscher et al. 2022 show it wins at very small budgets. */
    EASY("easy", "the k easiest (lowest scores); a baseline, and the better end when little data is kept",
            "Sorscher et al. 2022"),
    /** Skip the hardest offset fraction (label noise, outliers), then top-k. */
    WINDOW("window", "skip the hardest offset fraction (likely label noise), then the k hardest after it",
            "Paul et al. 2021",
            Param.required("offset", "the hardest fraction skipped", "[0, 1)")),
    /** Uniform without replacement: the k smallest random keys. */
    RANDOM("random", "k uniformly at random (smallest random keys); a strong baseline at high compression",
            "baseline"),
    /** Coverage-centric: equal-width score bins, the budget spread over bins. Zheng et al. 2023 (CCS). */
    STRATIFIED("stratified", "drop the hardest β fraction, then spread k over equal-width score bins (CCS)",
            "Zheng et al. 2023",
            Param.optional("drop-hardest", "β, the hardest fraction dropped first",
                    Catalogue.number(SelectOptions.DEFAULT_DROP_HARDEST), "[0, 1)"),
            Param.optional("bins", "the number of equal-width score bins", SelectOptions.DEFAULT_BINS,
                    "a whole number ≥ 1")),
    /** alpha*k hardest plus weighted random picks. Ayed &amp; Hayou 2023. */
    CALIBRATED("calibrated", "the α share of k hardest, the rest random, weighted so that the weighted loss "
            + "estimates the full loss", "Ayed & Hayou 2023",
            Param.optional("alpha", "the share of k taken hardest", Catalogue.number(SelectOptions.DEFAULT_ALPHA),
                    "[0, 1)")),
    /** Per class, the examples of moderate distance to the class median in feature space. Xia et al. 2023. */
    MODERATE("moderate", "on features: per class, the examples of middling distance to the class's median "
            + "feature vector (neither prototypes nor outliers); always class-balanced; needs no score",
            "Xia et al. 2023"),
    /** Greedy k-center in feature space: coverage. Sener &amp; Savarese 2018. */
    KCENTER("kcenter", "on features: greedy k-center, each pick the example farthest from those already kept "
            + "(covers the feature space; keeps outliers too); needs no score", "Sener & Savarese 2018"),
    /** Difficulty spread over a kNN graph of the features, picks damping their neighbours. Maharana et al. 2023. */
    D2("d2", "on features and scores: message passing on the kNN graph of the features, so that hard examples "
            + "in hard neighbourhoods go first and each pick damps its neighbours (difficulty and diversity)",
            "Maharana et al. 2023 (D2 pruning)",
            Param.optional("neighbours", "the nearest neighbours each example passes messages to",
                    SelectOptions.DEFAULT_NEIGHBOURS, "a whole number ≥ 1"),
            Param.optional("gamma", "how fast a message fades with distance (in units of the median neighbour "
                    + "distance)", Catalogue.number(SelectOptions.DEFAULT_GAMMA), "(0, 1000]"));

    private final String cliName;
    private final Entry entry;

    Strategy(String cliName, String help, String source, Param... params) {
        this.cliName = cliName;
        StringBuilder usage = new StringBuilder(cliName);
        int optional = 0;
        for (Param p : params) {
            if (p.isRequired()) {
                usage.append(':').append(p.name().toUpperCase(Locale.ROOT));
            } else {
                usage.append("[:").append(p.name().toUpperCase(Locale.ROOT));
                optional++;
            }
        }
        usage.append("]".repeat(optional));
        this.entry = new Entry(Entry.Kind.STRATEGY, cliName, usage.toString(), List.of(params), help, source);
    }

    /** The name on the command line and in provenance. */
    public String cliName() {
        return cliName;
    }

    /** The strategy's catalogue entry: usage ({@code stratified[:DROP-HARDEST[:BINS]]}), parameters, help, paper. */
    public Entry entry() {
        return entry;
    }

    /** One line on what it does and when to use it. */
    public String summary() {
        return entry.help();
    }

    /** Whether the strategy selects on the store's features ({@link Features}): moderate, kcenter, d2. */
    public boolean readsFeatures() {
        return this == MODERATE || this == KCENTER || this == D2;
    }

    /** Whether the strategy reads the scores (all but random, moderate and kcenter). */
    public boolean readsScores() {
        return this != RANDOM && this != MODERATE && this != KCENTER;
    }

    /** Whether the kept examples carry weights other than 1. */
    public boolean weighted() {
        return this == CALIBRATED;
    }

    /**
     * Fails ({@link IllegalArgumentException}, a usage error) unless {@code value} lies in the range of
     * parameter {@code param}: the fractions {@code offset}, {@code drop-hardest} and {@code alpha} in
     * [0, 1), {@code bins} and {@code neighbours} at least 1, {@code gamma} in (0, 1000]. The message starts with {@code label}, the parameter as the caller's
     * user wrote it ({@code --alpha}, {@code calibrated: alpha}).
     */
    static void check(String param, String label, double value) {
        if (param.equals("gamma")) {
            if (!(value > 0 && value <= 1000)) {
                throw new IllegalArgumentException(label + " must be in (0, 1000], got " + value);
            }
        } else if (param.equals("bins") || param.equals("neighbours")) {
            if (!(value >= 1)) {
                String shown = value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
                throw new IllegalArgumentException(label + " must be at least 1, got " + shown);
            }
        } else if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(label + " must be in [0, 1), got " + value);
        }
    }
    /** Parses a command-line name; an unknown one fails naming the known ones. */
    public static Strategy parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Strategy s : values()) {
            if (s.cliName.equals(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + name + "' (choose one of " + names() + ")");
    }

    /** The known names, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(Strategy::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
