package dev.winnow.catalogue;

import dev.winnow.score.ScoreOptions;
import dev.winnow.select.Budget;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.Strategy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueTest {
    /** Wide enough that no help line wraps. */
    private static final int UNWRAPPED = 1000;

    @Test
    void listsEveryScoreAndStrategyInHelpOrder() {
        assertThat(Catalogue.scores()).extracting(Entry::name).containsExactly("random", "el2n", "grand", "loss",
                "entropy", "least_confidence", "margin", "forgetting", "aum", "vog", "cat", "influence", "dealrec",
                "external", "confidence", "variability", "correctness");
        assertThat(Catalogue.scores()).extracting(Entry::kind).containsOnly(Entry.Kind.SCORE);
        assertThat(Catalogue.strategies()).extracting(Entry::usage).containsExactly("hard", "easy", "window:OFFSET",
                "random", "stratified[:DROP-HARDEST[:BINS]]", "calibrated[:ALPHA]", "moderate", "kcenter",
                "d2[:NEIGHBOURS[:GAMMA]]");
        assertThat(Catalogue.strategies()).extracting(Entry::kind).containsOnly(Entry.Kind.STRATEGY);
    }

    @Test
    void listsEveryPolicyAndThePolicyParserTakesItsDefaults() {
        assertThat(Catalogue.policies()).extracting(Entry::name)
                .containsExactly("full", "uniform", "eps-greedy", "ucb", "infobatch");
        assertThat(Catalogue.policies()).extracting(Entry::kind).containsOnly(Entry.Kind.POLICY);
        assertThat(Catalogue.all()).hasSize(Catalogue.scores().size() + Catalogue.strategies().size() + 5);
        Entry ucb = Catalogue.policies().get(3);
        // ucb:0.3 leaves C to the catalogue: the same policy as spelling out the catalogue's default
        assertThat(dev.winnow.policy.PolicySpec.parse("ucb:0.3"))
                .isEqualTo(dev.winnow.policy.PolicySpec.parse("ucb:0.3," + ucb.param("C").defaultValue()));
        Entry eps = Catalogue.policies().get(2);
        assertThat(dev.winnow.policy.PolicySpec.parse("eps-greedy:0.3"))
                .isEqualTo(dev.winnow.policy.PolicySpec.parse("eps-greedy:0.3," + eps.param("EPS").defaultValue()));
    }

    @Test
    void theOptionsRecordsFillInTheCataloguesDefaults() {
        assertThat(Strategy.STRATIFIED.entry().defaultOf("bins")).isEqualTo(50.0);
        assertThat(Strategy.STRATIFIED.entry().defaultOf("drop-hardest")).isEqualTo(0.0);
        assertThat(Strategy.CALIBRATED.entry().defaultOf("alpha")).isEqualTo(0.5);
        assertThat(Strategy.WINDOW.entry().param("offset").isRequired()).isTrue();
        SelectOptions stratified = SelectOptions.fromFlags("stratified", 0.5, null, false, null, null, null, null, 1);
        assertThat(stratified.bins()).isEqualTo((int) Strategy.STRATIFIED.entry().defaultOf("bins"));
        assertThat(stratified.dropHardest()).isEqualTo(Strategy.STRATIFIED.entry().defaultOf("drop-hardest"));
        SelectOptions calibrated = SelectOptions.of(Strategy.CALIBRATED, new Budget.Fraction(0.5), 1);
        assertThat(calibrated.alpha()).isEqualTo(Strategy.CALIBRATED.entry().defaultOf("alpha"));
        Entry influence = Catalogue.scores().get(11);
        Entry dealrec = Catalogue.scores().get(12);
        assertThat(ScoreOptions.defaults().influenceDamping()).isEqualTo(influence.defaultOf("damping")).isEqualTo(0.01);
        assertThat(ScoreOptions.defaults().dealrecLambda()).isEqualTo(dealrec.defaultOf("dealrec-lambda")).isEqualTo(1.0);
        assertThat(dealrec.param("dealrec-lambda").defaultValue()).isEqualTo("1");
    }

    @Test
    void numbersAreWrittenPlainWithoutTrailingZeros() {
        assertThat(Catalogue.number(0.5)).isEqualTo("0.5");
        assertThat(Catalogue.number(50)).isEqualTo("50");
        assertThat(Catalogue.number(1.0)).isEqualTo("1");
        assertThat(Catalogue.number(0.0)).isEqualTo("0");
        assertThat(Catalogue.number(-0.0)).isEqualTo("0");
        assertThat(Catalogue.number(1e-4)).isEqualTo("0.0001");
        assertThat(Catalogue.number(0.05)).isEqualTo("0.05");
        assertThat(Catalogue.number(-2.5)).isEqualTo("-2.5");
    }

    @Test
    void helpLinesAlignUsagesAndListParametersThenTheSource() {
        Entry a = new Entry(Entry.Kind.SCORE, "ab", "ab@E", List.of(Param.required("E", "the epoch", "≥ 1")),
                "help one", "Paper 1");
        Entry c = new Entry(Entry.Kind.STRATEGY, "c", "c[:X]", List.of(Param.optional("x", "a share", "0.5", "[0, 1)")),
                "help two", "baseline");
        Entry d = new Entry(Entry.Kind.STRATEGY, "d", "d", List.of(), "help three", "Paper 2");
        assertThat(Catalogue.helpLines(List.of(a, c, d))).containsExactly(
                "  ab@E   help one (Paper 1)",
                "           E: the epoch, ≥ 1, required",
                "  c[:X]  help two (baseline)",
                "           x: a share, [0, 1), default 0.5",
                "  d      help three (Paper 2)");
        // a usage wider than the usage column stands alone; long text wraps under the help column
        Entry w = new Entry(Entry.Kind.POLICY, "w", "w:F[,a-very-long-option=VALUE]", List.of(), "one two three four", "P");
        assertThat(Catalogue.helpLines(List.of(a, w), 24)).containsExactly(
                "  ab@E  help one (Paper",
                "        1)",
                "          E: the epoch,",
                "          ≥ 1, required",
                "  w:F[,a-very-long-option=VALUE]",
                "        one two three",
                "        four (P)");
        assertThat(Catalogue.line(c)).isEqualTo("c[:X]: help two (baseline); x: a share, [0, 1), default 0.5");
        assertThat(Catalogue.line(d)).isEqualTo("d: help three (Paper 2)");
    }

    @Test
    void theRealHelpTextNamesWhatEachScoreReadsItsDefaultsAndItsPaper() {
        List<String> scores = Catalogue.helpLines(Catalogue.scores(), UNWRAPPED);
        assertThat(scores).hasSize(Catalogue.scores().size()
                + Catalogue.scores().stream().mapToInt(e -> e.params().size()).sum());
        assertThat(String.join("\n", scores)).contains("reads logit_margin").contains("Toneva et al. 2019")
                .contains("damping: L2 damping λ of the fit and the Hessian, > 0, default 0.01")
                .contains("reads el2n (Paul et al. 2021)").contains("E: the epoch read, a whole number ≥ 1, required");
        assertThat(String.join("\n", Catalogue.helpLines(Catalogue.strategies(), UNWRAPPED)))
                .contains("bins: the number of equal-width score bins, a whole number ≥ 1, default 50")
                .contains("(Ayed & Hayou 2023)").contains("alpha: the share of k taken hardest, [0, 1), default 0.5");
        // at 80 columns no line is wider than 80
        assertThat(Catalogue.helpLines(Catalogue.all())).allMatch(l -> l.length() <= 80);
        // picocli reads descriptions and footers as format strings: no line may hold a %
        assertThat(scores).noneMatch(l -> l.contains("%"));
        assertThat(Catalogue.helpLines(Catalogue.strategies(), UNWRAPPED)).noneMatch(l -> l.contains("%"));
    }
}
