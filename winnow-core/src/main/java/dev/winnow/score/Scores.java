package dev.winnow.score;

import dev.winnow.catalogue.Catalogue;
import dev.winnow.catalogue.Entry;
import dev.winnow.catalogue.Param;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.ScoreTable;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The registry of scores: one catalogue {@link Entry} per score (how to write it, its parameters and
 * defaults, one help line, the paper) together with how to build it. {@link ScoreSpec#parse} reads specs
 * against these entries and help texts list them, so a score is added here once, with its class (the
 * scores read at an epoch come from the table {@link AtEpochScore.Kind#ALL}).
 */
public final class Scores {
    private Scores() {
    }

    /** Builds a score from its {@code @} argument (0 when none was written) and the options. */
    @FunctionalInterface
    interface Factory {
        Score create(int argument, ScoreOptions options);
    }

    private record Registered(Entry entry, Factory factory) {
    }

    private static final Param EPOCH = Param.required("E", "the epoch read", "a whole number ≥ 1");
    private static final Param DAMPING = Param.optional("damping", "L2 damping λ of the fit and the Hessian",
            Catalogue.number(ScoreOptions.DEFAULT_DAMPING), "> 0");

    // in the order of the help text: random, the scores read at an epoch, the others, the data map
    private static final List<Registered> SCORES = Stream.of(
            Stream.of(score("random", "seeded uniform in [0,1) from the id; reads nothing", "baseline",
                    (e, o) -> new RandomScore(o.seed()),
                    Param.optional("seed", "the seed of the random keys", 0, "any integer"))),
            AtEpochScore.Kind.ALL.stream().map(k -> score(k.base() + "@E", k.help(), k.source(),
                    (e, o) -> AtEpochScore.of(k, e), EPOCH)),
            Stream.of(
                score("forgetting", "correct->wrong flips (never correct: #presentations); reads correct (presentations)",
                        "Toneva et al. 2019", (e, o) -> new ForgettingScore()),
                score("aum", "-mean logit margin over presentations; reads logit_margin (presentations)",
                        "Pleiss et al. 2020", (e, o) -> new AumScore()),
                score("vog", "variance of gradients, optionally standardised within each class; reads vog.npy",
                        "Agarwal et al. 2022", (e, o) -> new VogScore(o.vogPerClass()),
                        Param.optional("vog-per-class", "standardise within each class", false, "true or false")),
                score("cat@K", "variance of exp(loss) over checkpoints of epochs <= K; reads loss (checkpoints)",
                        "Chimoto et al. 2024", (e, o) -> new CatScore(e),
                        Param.required("K", "the last epoch counted", "a whole number ≥ 1")),
                score("influence", "how much removing the example raises the mean training loss (a damped logistic "
                                + "regression on the features); reads features.npy", "Koh & Liang 2017; DEALRec",
                        (e, o) -> new InfluenceScore(o.influenceDamping()), DAMPING),
                score("dealrec[@E]", "minmax(influence) + λ·minmax(grad_norm at epoch E); reads features.npy, grad_norm",
                        "Lin et al. 2024", (e, o) -> new DealrecScore(e, o.dealrecLambda(), o.influenceDamping()),
                        Param.optional("E", "the epoch of the effort term", "the last epoch", "a whole number ≥ 1"),
                        Param.optional("dealrec-lambda", "weight λ of the effort term",
                                Catalogue.number(ScoreOptions.DEFAULT_DEALREC_LAMBDA), "≥ 0"),
                        DAMPING),
                score("external", "a column of your own CSV, by id; reads nothing from the store", "your own model",
                        (e, o) -> new ExternalScore(o.externalFile(), o.externalColumn()),
                        Param.required("external", "the CSV file, with an 'id' column", "a file"),
                        Param.required("column", "the column of that file used as the score", "a column name")),
                score("confidence", "data map: -mean p_true over presentations; reads p_true (presentations)",
                        "Swayamdipta et al. 2020", (e, o) -> new ConfidenceScore()),
                score("variability", "data map: std of p_true over presentations; reads p_true (presentations)",
                        "Swayamdipta et al. 2020", (e, o) -> new VariabilityScore()),
                score("correctness", "data map: -fraction of presentations correct; reads correct (presentations)",
                        "Swayamdipta et al. 2020", (e, o) -> new CorrectnessScore())))
            .flatMap(s -> s).toList();

    private static Registered score(String usage, String help, String source, Factory factory, Param... params) {
        int at = usage.indexOf('@');
        int end = at < 0 ? usage.length() : usage.charAt(at - 1) == '[' ? at - 1 : at;
        return new Registered(new Entry(Entry.Kind.SCORE, usage.substring(0, end), usage, List.of(params), help,
                source), factory);
    }

    /** Every score, in the order of the help text. */
    public static List<Entry> catalogue() {
        return SCORES.stream().map(Registered::entry).toList();
    }

    /** The usages, comma-separated, e.g. for an error message. */
    public static String known() {
        return SCORES.stream().map(r -> r.entry().usage()).collect(Collectors.joining(", "));
    }

    /** The catalogue entry of the score called {@code name} (the part before any {@code @}). */
    static Optional<Entry> entry(String name) {
        return SCORES.stream().map(Registered::entry).filter(e -> e.name().equals(name)).findFirst();
    }

    /** Builds the score of catalogue entry {@code entry}; {@code argument} 0 means none was written. */
    static Score create(Entry entry, int argument, ScoreOptions options) {
        return SCORES.stream().filter(r -> r.entry().equals(entry)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a catalogued score: " + entry.name()))
                .factory().create(argument, options);
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
}
