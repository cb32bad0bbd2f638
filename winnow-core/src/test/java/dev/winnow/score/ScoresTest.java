package dev.winnow.score;

import dev.winnow.WinnowException;
import dev.winnow.catalogue.Entry;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

import static dev.winnow.score.TinyStore.N;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every score against numbers worked out by hand from the tables of {@link TinyStore}. Comments show the
 * arithmetic per example (ex0..ex4); "r0"/"r1" are the two runs, "c" a checkpoint, "p" a presentation.
 */
class ScoresTest {
    private static final Offset<Float> EPS = Offset.offset(1e-5f);

    @TempDir
    static Path tmp;
    static DynamicsStore store;

    @BeforeAll
    static void writeStore() {
        store = DynamicsStore.open(TinyStore.write(tmp.resolve("tiny")));
    }

    private static float[] score(String spec) {
        return ScoreSpec.parse(spec).create(ScoreOptions.defaults()).compute(store);
    }

    private static void assertScores(float[] actual, float... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.isNaN(expected[i])) {
                assertThat(actual[i]).as("example %d", i).isNaN();
            } else {
                assertThat(actual[i]).as("example %d", i).isCloseTo(expected[i], EPS);
            }
        }
    }

    @Test
    void el2nAtEpoch1UsesTheCheckpointAndFillsItsHolesWithTheLastPresentation() {
        // r0: c t1 = [.5, -, .7, .8, .9], hole ex1 filled by p t0 (.2) -> [.5, .2, .7, .8, .9]
        // r1: no checkpoint in epoch 1, p t5 = [.2, .4, .6, -, -]
        // mean: ex0 (.5+.2)/2=.35  ex1 (.2+.4)/2=.3  ex2 (.7+.6)/2=.65  ex3 .8 (r0 only)  ex4 .9 (r0 only)
        assertScores(score("el2n@1"), 0.35f, 0.3f, 0.65f, 0.8f, 0.9f);
    }

    @Test
    void el2nAtEpoch2TakesTheLastPresentationAndLeavesTheUnobservedNaN() {
        // r0: p t2 [1, 1.1, -, 1.3, -] then p t3 [1.5, -, -, 1.8, -] -> [1.5, 1.1, -, 1.8, -];
        //     c t4 = [-, 1.2, -, -, -] overrides ex1 -> [1.5, 1.2, -, 1.8, -]
        // r1: p t6 [2, 2.1, 2.2, -, -], c t7 [3, -, 3.2, -, -] -> [3, 2.1, 3.2, -, -]
        // mean: ex0 (1.5+3)/2=2.25  ex1 (1.2+2.1)/2=1.65  ex2 3.2  ex3 1.8  ex4 never seen -> NaN
        assertScores(score("el2n@2"), 2.25f, 1.65f, 3.2f, 1.8f, N);
    }

    @Test
    void el2nAtEpoch3ComesFromTheOnlyRunThatReachedIt() {
        // only r1 has epoch 3: c t8 = [0, 0, 0, 0, 0]
        assertScores(score("el2n@3"), 0f, 0f, 0f, 0f, 0f);
    }

    @Test
    void anEpochNoRunObservedIsAnErrorNamingTheStore() {
        assertThatThrownBy(() -> score("el2n@4"))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining(store.dir().toString())
                .hasMessageContaining("el2n@4")
                .hasMessageContaining("epochs 1..3");
    }

    @Test
    void grandReadsGradNorm() {
        // grad_norm = 10 * el2n in the tiny store; epoch 1 as el2n@1: 10 * [.35, .3, .65, .8, .9]
        assertScores(score("grand@1"), 3.5f, 3.0f, 6.5f, 8.0f, 9.0f);
    }

    @Test
    void lossAtEpoch2() {
        // loss = ln(perplexity). r0: p t2 [3,1,-,2,-], p t3 [5,-,-,4,-] -> [5,1,-,4,-]; c t4 [4,6,3,-,-]
        //     -> [4, 6, 3, 4, -];  r1: p t6 [2,2,2,2,-], c t7 [1,3,-,5,-] -> [1, 3, 2, 5, -]
        // mean of logs: ex0 (ln4+ln1)/2  ex1 (ln6+ln3)/2  ex2 (ln3+ln2)/2  ex3 (ln4+ln5)/2  ex4 NaN
        assertScores(score("loss@2"),
                (float) ((Math.log(4) + Math.log(1)) / 2), (float) ((Math.log(6) + Math.log(3)) / 2),
                (float) ((Math.log(3) + Math.log(2)) / 2), (float) ((Math.log(4) + Math.log(5)) / 2), N);
    }

    @Test
    void entropyAtEpoch2() {
        // entropy = el2n + 1: 1 + [2.25, 1.65, 3.2, 1.8, NaN]
        assertScores(score("entropy@2"), 3.25f, 2.65f, 4.2f, 2.8f, N);
    }

    @Test
    void leastConfidenceIsOneMinusPMax() {
        // p_max = el2n / 4 -> at epoch 1 mean [.0875, .075, .1625, .2, .225]; score = 1 - that
        assertScores(score("least_confidence@1"), 0.9125f, 0.925f, 0.8375f, 0.8f, 0.775f);
    }

    @Test
    void marginIsTheNegatedTopTwoMargin() {
        // top2_margin = el2n / 5 -> at epoch 2 mean [.45, .33, .64, .36, NaN]; score = minus that
        assertScores(score("margin@2"), -0.45f, -0.33f, -0.64f, -0.36f, N);
    }

    @Test
    void forgettingCountsCorrectToIncorrectAcrossPresentationsOnly() {
        // presentations r0: t0, t2, t3; r1: t5, t6 (checkpoint rows are ignored)
        // ex0 r0 1,0,1 -> 1 forget;          r1 1,0 -> 1          => 1
        // ex1 r0 0,0,1 -> 0;                 r1 0,0 never correct -> 2 presentations => (0+2)/2 = 1
        // ex2 r0 1,NaN,0 -> 1 (NaN skipped); r1 1,1 -> 0          => 0.5
        // ex3 r0 0,1,0 -> 1;                 r1 1,0 -> 1          => 1
        // ex4 r0 never presented (left out); r1 0,NaN never correct -> 1 presentation => 1
        assertScores(score("forgetting"), 1f, 1f, 0.5f, 1f, 1f);
    }

    @Test
    void aumIsMinusTheMeanLogitMarginOverPresentations() {
        // r0 (t0, t2, t3): ex0 (2+4+6)/3=4  ex1 (-1-3+1)/3=-1  ex2 .5  ex3 (1+2)/2=1.5  ex4 -
        // r1 (t5, t6):     ex0 (1+3)/2=2    ex1 1              ex2 (1-1)/2=0  ex3 (1+2)/2=1.5  ex4 -
        // mean over runs: [3, 0, .25, 1.5, NaN]; negated (the 100s in checkpoint rows are ignored)
        assertScores(score("aum"), -3f, 0f, -0.25f, -1.5f, N);
    }

    @Test
    void catIsThePopulationVarianceOfPerplexityOverEarlyCheckpoints() {
        // cat@2: r0 checkpoints t1 [2,2,1,-,-], t4 [4,6,3,-,-]: var{2,4}=1, var{2,6}=4, var{1,3}=1, -, -
        //        r1 checkpoint t7 [1,3,-,5,-] (t8 is epoch 3): 0, 0, -, 0, -
        // mean over runs: [.5, 2, 1, 0, NaN]
        assertScores(score("cat@2"), 0.5f, 2f, 1f, 0f, N);
        // cat@3 adds t8 [9,9,9,9,9] to r1: var{1,9}=16, var{3,9}=9, var{9}=0, var{5,9}=4, var{9}=0
        // mean: (1+16)/2=8.5, (4+9)/2=6.5, (1+0)/2=.5, 4 (r1 only), 0 (r1 only)
        float[] cat3 = score("cat@3");
        assertThat(cat3[0]).isCloseTo(8.5f, Offset.offset(1e-4f));
        assertThat(cat3[1]).isCloseTo(6.5f, Offset.offset(1e-4f));
        assertThat(cat3[2]).isCloseTo(0.5f, Offset.offset(1e-4f));
        assertThat(cat3[3]).isCloseTo(4f, Offset.offset(1e-4f));
        assertThat(cat3[4]).isCloseTo(0f, Offset.offset(1e-4f));
    }

    @Test
    void vogIsTheMeanOverRunsOptionallyStandardisedWithinClass() {
        // runs [1,2,3,4,-] and [3,2,-,8,-] -> mean [2, 2, 3, 6, NaN]
        assertScores(score("vog"), 2f, 2f, 3f, 6f, N);
        // labels [0,1,0,1,1]: class 0 {2, 3} mu 2.5 sigma .5 -> -1, +1; class 1 {2, 6} mu 4 sigma 2 -> -1, +1
        float[] perClass = ScoreSpec.parse("vog").create(ScoreOptions.defaults().withVogPerClass(true)).compute(store);
        assertScores(perClass, -1f, -1f, 1f, 1f, N);
    }

    @Test
    void randomIsTheUnitFloatOfTheSeededKeyOfTheId() {
        // id 0 is example 0. splitmix64(0) = 0xE220A8397B1DCDAF (SplitMix64's first output from seed 0):
        // top 24 bits 0xE220A8 = 14819496, / 2^24 = 0.88331079...
        assertThat(ScoreSpec.parse("random").create(ScoreOptions.defaults()).compute(store)[0])
                .isEqualTo(14819496f / 16777216f);
        // seed 1: splitmix64(0x9E3779B97F4A7C15) = 0x6E789E6AA1B965F4 (second output): 0x6E789E / 2^24
        float[] s1 = ScoreSpec.parse("random").create(ScoreOptions.defaults().withSeed(1)).compute(store);
        assertThat(s1[0]).isEqualTo(0x6E789E / 16777216f);
        for (float v : s1) {
            assertThat(v).isGreaterThanOrEqualTo(0f).isLessThan(1f);
        }
        assertThat(s1).doesNotHaveDuplicates();
    }

    @Test
    void externalTakesTheNamedColumnByIdAndLeavesTheRestNaN(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("quality.csv");
        Files.writeString(csv, "name,\"id\",quality,other\n"
                + "a,14,0.5,9\n"
                + "b,0,-1,9\n"
                + "c,12,,9\n"
                + "d,99,7,9\n"
                + "e,11,nan,9\n");
        float[] s = ScoreSpec.parse("external").create(ScoreOptions.defaults().withExternal(csv, "quality")).compute(store);
        // ids [0, 11, 12, 13, 14]: 0 -> -1, 11 nan, 12 empty, 13 absent, 14 -> .5; id 99 is not in the store
        assertScores(s, -1f, N, N, N, 0.5f);
    }

    @Test
    void externalFileProblemsNameTheFile(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("q.csv");
        Files.writeString(csv, "id,quality\n0,1\n0,2\n");
        assertThatThrownBy(() -> new ExternalScore(csv, "quality").compute(store))
                .isInstanceOf(WinnowException.class).hasMessageContaining("q.csv").hasMessageContaining("more than once");
        Files.writeString(csv, "id,quality\n0,high\n");
        assertThatThrownBy(() -> new ExternalScore(csv, "quality").compute(store))
                .isInstanceOf(WinnowException.class).hasMessageContaining("q.csv").hasMessageContaining("line 2");
        assertThatThrownBy(() -> new ExternalScore(csv, "comet").compute(store))
                .isInstanceOf(WinnowException.class).hasMessageContaining("q.csv").hasMessageContaining("'comet'");
        Files.writeString(csv, "id,quality\n500,1\n");
        assertThatThrownBy(() -> new ExternalScore(csv, "quality").compute(store))
                .isInstanceOf(WinnowException.class).hasMessageContaining("none of its ids");
        assertThatThrownBy(() -> new ExternalScore(dir.resolve("nope.csv"), "quality").compute(store))
                .isInstanceOf(WinnowException.class).hasMessageContaining("nope.csv");
    }

    @Test
    void aMissingSignalIsAnErrorNamingSignalScoreAndStore(@TempDir Path dir) {
        DynamicsStore lean = DynamicsStore.open(TinyStore.write(dir.resolve("lean"),
                EnumSet.of(Signal.GRAD_NORM, Signal.CORRECT), true));
        assertThatThrownBy(() -> score(lean, "grand@1"))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining(lean.dir().toString()).hasMessageContaining("'grad_norm'").hasMessageContaining("grand@1");
        assertThatThrownBy(() -> score(lean, "forgetting"))
                .isInstanceOf(WinnowException.class).hasMessageContaining("'correct'");
        assertThatThrownBy(() -> score(lean, "vog"))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining(lean.dir().toString()).hasMessageContaining("vog.npy");
    }

    @Test
    void aMissingObservationKindIsAnErrorNamingIt(@TempDir Path dir) {
        DynamicsStore checkpoints = DynamicsStore.open(oneKind(dir.resolve("ck"), ObservationKind.CHECKPOINT));
        assertThatThrownBy(() -> score(checkpoints, "forgetting"))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining(checkpoints.dir().toString()).hasMessageContaining("presentation observations");
        assertThatThrownBy(() -> score(checkpoints, "aum"))
                .isInstanceOf(WinnowException.class).hasMessageContaining("presentation observations");
        DynamicsStore presentations = DynamicsStore.open(oneKind(dir.resolve("pr"), ObservationKind.PRESENTATION));
        assertThatThrownBy(() -> score(presentations, "cat@5"))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining(presentations.dir().toString()).hasMessageContaining("checkpoint observations");
        // and with the right kind they work: one checkpoint of loss ln 2 -> variance 0; one presentation
        // of margin 0.5 -> aum -0.5; correct = 1 once -> 0 forgets
        assertThat(score(checkpoints, "cat@5")).containsOnly(0f);
        assertThat(score(presentations, "aum")).containsOnly(-0.5f);
        assertThat(score(presentations, "forgetting")).containsOnly(0f);
    }

    private static Path oneKind(Path dir, ObservationKind kind) {
        float[] half = {0.5f, 0.5f};
        float[] one = {1f, 1f};
        float[] ln2 = {(float) Math.log(2), (float) Math.log(2)};
        try (DynamicsWriter w = DynamicsWriter.create(dir, 2, 2,
                EnumSet.of(Signal.LOSS, Signal.CORRECT, Signal.LOGIT_MARGIN), false, false)) {
            w.labels(new int[] {0, 1});
            w.observeSignals(new Observation(0, 1, kind),
                    Map.of(Signal.LOSS, ln2, Signal.CORRECT, one, Signal.LOGIT_MARGIN, half), null);
            return w.commit();
        }
    }

    private static float[] score(DynamicsStore s, String spec) {
        return ScoreSpec.parse(spec).create(ScoreOptions.defaults()).compute(s);
    }

    @Test
    void eachScoreDeclaresWhatItReads() {
        ScoreOptions o = ScoreOptions.defaults().withExternal(Path.of("x.csv"), "q");
        assertThat(ScoreSpec.parse("el2n@3").create(o).requiredSignals()).containsExactly("el2n");
        assertThat(ScoreSpec.parse("margin@3").create(o).requiredSignals()).containsExactly("top2_margin");
        assertThat(ScoreSpec.parse("least_confidence@3").create(o).requiredSignals()).containsExactly("p_max");
        assertThat(ScoreSpec.parse("forgetting").create(o).observationKinds()).containsExactly(ObservationKind.PRESENTATION);
        assertThat(ScoreSpec.parse("cat@2").create(o).observationKinds()).containsExactly(ObservationKind.CHECKPOINT);
        assertThat(ScoreSpec.parse("external").create(o).requiredSignals()).isEmpty();
        for (Entry e : Scores.catalogue()) {
            String spec = e.usage().replace("[", "").replace("]", "").replace("@E", "@3").replace("@K", "@3");
            Score s = ScoreSpec.parse(spec).create(o);
            assertThat(s.name()).isEqualTo(spec);
        }
    }

    @Test
    void parseRejectsUnknownAndMalformedNamesListingTheKnownOnes() {
        assertThatThrownBy(() -> ScoreSpec.parse("el3n@2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown score 'el3n@2'")
                .hasMessageContaining("el2n@E").hasMessageContaining("forgetting").hasMessageContaining("cat@K");
        assertThatThrownBy(() -> ScoreSpec.parse("el2n")).hasMessageContaining("needs an epoch");
        assertThatThrownBy(() -> ScoreSpec.parse("el2n@0")).hasMessageContaining("epoch ≥ 1");
        assertThatThrownBy(() -> ScoreSpec.parse("loss@x")).hasMessageContaining("epoch ≥ 1");
        assertThatThrownBy(() -> ScoreSpec.parse("aum@3")).hasMessageContaining("takes no @");
        assertThatThrownBy(() -> ScoreSpec.parse("external").create(ScoreOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--external FILE --column COL");
    }

    @Test
    void missingPolicies() {
        long[] ids = {5, 6, 7};
        Path p = Path.of("store");
        assertThat(MissingPolicy.HARDEST.apply("s", new float[] {1, N, 3}, ids, p)).containsExactly(1, 3, 3);
        assertThat(MissingPolicy.EASIEST.apply("s", new float[] {1, N, 3}, ids, p)).containsExactly(1, 1, 3);
        assertThat(MissingPolicy.FAIL.apply("s", new float[] {1, 2, 3}, ids, p)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> MissingPolicy.FAIL.apply("el2n@2", new float[] {1, N, N}, ids, p))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining("2 of 3 examples").hasMessageContaining("first id 6").hasMessageContaining("--missing");
        assertThatThrownBy(() -> MissingPolicy.HARDEST.apply("s", new float[] {N, N, N}, ids, p))
                .isInstanceOf(WinnowException.class).hasMessageContaining("3 of 3");
    }
}
