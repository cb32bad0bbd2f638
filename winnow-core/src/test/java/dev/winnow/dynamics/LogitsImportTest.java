package dev.winnow.dynamics;

import dev.winnow.WinnowException;
import dev.winnow.npy.NpyWriter;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Import of NumPy-written logits. The fixture logits_t2_n3_c2.npy (make_fixtures.py) holds, with
 * labels [0, 0, 1]:
 * <pre>
 * observation 0: ex0 [2, 0]   ex1 [0, 1]     ex2 [1, 1]
 * observation 1: ex0 [3, -1]  ex1 [NaN, NaN] ex2 [-2, 2]
 * </pre>
 * For two classes with logit gap g = z_y − z_other: p_y = 1 / (1 + e^−g), loss = ln(1 + e^−g),
 * el2n = ‖(p_y − 1, 1 − p_y)‖ = √2 · (1 − p_y) = √2 / (1 + e^g).
 */
class LogitsImportTest {
    private static final Offset<Float> EPS = Offset.offset(1e-6f);
    private static final double SQRT2 = Math.sqrt(2);

    @TempDir
    Path dir;

    private static Path fixture(String name) {
        try {
            return Path.of(LogitsImportTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[] row(DynamicsStore s, String signal, int t) {
        float[] r = new float[s.examples()];
        s.signal(signal, t).get(r);
        return r;
    }

    private LogitsImport.Result importFixture(List<Observation> obs, Path features) {
        return LogitsImport.run(new LogitsImport.Request(fixture("logits_t2_n3_c2.npy"), fixture("labels_n3.npy"),
                features, obs, dir.resolve("store"), false), null);
    }

    @Test
    void importsNumpyLogitsWithHandComputedLossAndEl2n() {
        List<String> progress = new ArrayList<>();
        LogitsImport.Result res = LogitsImport.run(new LogitsImport.Request(fixture("logits_t2_n3_c2.npy"),
                fixture("labels_n3.npy"), null, LogitsImport.defaultObservations(2, 1, ObservationKind.CHECKPOINT),
                dir.resolve("store"), false), progress::add);
        assertThat(progress).containsExactly("imported observation 1/2", "imported observation 2/2");
        assertThat(res.signals()).doesNotContain("grad_norm").contains("loss", "el2n", "p_true", "logit_margin",
                "correct", "entropy", "p_max", "top2_margin");
        assertThat(res.notes()).singleElement().asString().contains("grad_norm omitted");

        DynamicsStore s = DynamicsStore.open(res.store());
        assertThat(s.examples()).isEqualTo(3);
        assertThat(s.classes()).isEqualTo(2);
        assertThat(s.labels()).containsExactly(0, 0, 1);
        assertThat(s.observations()).containsExactly(new Observation(0, 1, ObservationKind.CHECKPOINT),
                new Observation(0, 2, ObservationKind.CHECKPOINT));
        assertThat(s.hasSignal("grad_norm")).isFalse();

        // observation 0: gaps ex0 2-0 = 2, ex1 0-1 = -1, ex2 1-1 = 0
        float[] loss0 = row(s, "loss", 0);
        assertThat(loss0[0]).isCloseTo((float) Math.log1p(Math.exp(-2)), EPS);   // 0.126928
        assertThat(loss0[1]).isCloseTo((float) Math.log1p(Math.exp(1)), EPS);    // 1.313262
        assertThat(loss0[2]).isCloseTo((float) Math.log(2), EPS);                 // 0.693147
        float[] el2n0 = row(s, "el2n", 0);
        assertThat(el2n0[0]).isCloseTo((float) (SQRT2 / (1 + Math.exp(2))), EPS);  // 0.168577
        assertThat(el2n0[1]).isCloseTo((float) (SQRT2 / (1 + Math.exp(-1))), EPS); // 1.033876
        assertThat(el2n0[2]).isCloseTo((float) (SQRT2 / 2), EPS);                  // 0.707107
        assertThat(row(s, "logit_margin", 0)).containsExactly(2f, -1f, 0f);
        // ex2's logits tie; argmax takes the first class (0), which is not its label 1
        assertThat(row(s, "correct", 0)).containsExactly(1f, 0f, 0f);

        // observation 1: gaps ex0 3-(-1) = 4, ex1 not observed, ex2 2-(-2) = 4
        float[] loss1 = row(s, "loss", 1);
        assertThat(loss1[0]).isCloseTo((float) Math.log1p(Math.exp(-4)), EPS);   // 0.018150
        assertThat(loss1[1]).isNaN();
        assertThat(loss1[2]).isCloseTo((float) Math.log1p(Math.exp(-4)), EPS);
        assertThat(row(s, "el2n", 1)[1]).isNaN();
        assertThat(row(s, "correct", 1)[1]).isNaN();

        // end to end: el2n@1 of the imported store is observation 0's el2n
        float[] score = ScoreSpec.parse("el2n@1").create(ScoreOptions.defaults()).compute(s);
        assertThat(score).containsExactly(el2n0);
    }

    @Test
    void presentationKindAndRuns() {
        importFixture(LogitsImport.defaultObservations(2, 2, ObservationKind.PRESENTATION), null);
        DynamicsStore s = DynamicsStore.open(dir.resolve("store"));
        assertThat(s.runs()).isEqualTo(2);
        assertThat(s.observations()).containsExactly(new Observation(0, 1, ObservationKind.PRESENTATION),
                new Observation(1, 1, ObservationKind.PRESENTATION));
        // aum = −mean over runs of the margins: ex0 (2 + 4)/2, ex1 only run 0 (−1), ex2 (0 + 4)/2
        assertThat(ScoreSpec.parse("aum").create(null).compute(s)).containsExactly(-3f, 1f, -2f);
    }

    @Test
    void observationsFromJson() throws IOException {
        Path json = dir.resolve("obs.json");
        Files.writeString(json, "[{\"run\":0,\"epoch\":3,\"kind\":\"presentation\"},"
                + "{\"run\":0,\"epoch\":3,\"kind\":\"checkpoint\"}]");
        importFixture(LogitsImport.readObservations(json), null);
        assertThat(DynamicsStore.open(dir.resolve("store")).observations()).containsExactly(
                new Observation(0, 3, ObservationKind.PRESENTATION), new Observation(0, 3, ObservationKind.CHECKPOINT));
        Files.writeString(json, "[{\"run\":0,\"epoch\":3,\"kind\":\"later\"}]");
        assertThatThrownBy(() -> LogitsImport.readObservations(json))
                .isInstanceOf(WinnowException.class).hasMessageContaining("obs.json");
    }

    @Test
    void perObservationFeaturesGiveGradNorm() {
        // h per observation and example, D = 2: obs 0 ex0 (3, 4) -> ||h||^2 = 25; everything else (0, 0)
        Path f = dir.resolve("features.npy");
        NpyWriter.write(f, new float[] {3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 2, 3, 2);
        LogitsImport.Result res = importFixture(LogitsImport.defaultObservations(2, 1, ObservationKind.CHECKPOINT), f);
        assertThat(res.signals()).contains("grad_norm");
        assertThat(res.notes()).isEmpty();
        DynamicsStore s = DynamicsStore.open(res.store());
        float[] g = row(s, "grad_norm", 0);
        assertThat(g[0]).isCloseTo((float) (SQRT2 / (1 + Math.exp(2)) * Math.sqrt(26)), EPS); // el2n * sqrt(25 + 1)
        assertThat(g[1]).isCloseTo((float) (SQRT2 / (1 + Math.exp(-1))), EPS);               // el2n * sqrt(0 + 1)
        // the store's features are the run's last observation (all zero)
        assertThat(s.features()).get().satisfies(a -> {
            assertThat(a.shape()).containsExactly(1, 3, 2);
            assertThat(a.toFloatArray()).containsOnly(0f);
        });
    }

    @Test
    void perRunFeaturesAreStoredButGiveNoGradNorm() {
        Path f = dir.resolve("features.npy");
        NpyWriter.write(f, new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        LogitsImport.Result res = importFixture(LogitsImport.defaultObservations(2, 1, ObservationKind.CHECKPOINT), f);
        assertThat(res.signals()).doesNotContain("grad_norm");
        assertThat(res.notes()).singleElement().asString().contains("per run");
        DynamicsStore s = DynamicsStore.open(res.store());
        assertThat(s.features().orElseThrow().toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void badInputsNameTheFile() {
        Path logits = fixture("logits_t2_n3_c2.npy");
        List<Observation> two = LogitsImport.defaultObservations(2, 1, ObservationKind.CHECKPOINT);
        Path badLabels = dir.resolve("labels.npy");
        NpyWriter.write(badLabels, new long[] {0, 2, 1});
        assertThatThrownBy(() -> LogitsImport.run(new LogitsImport.Request(logits, badLabels, null, two,
                dir.resolve("a"), false), null))
                .isInstanceOf(WinnowException.class).hasMessageContaining(badLabels.toString())
                .hasMessageContaining("label 2 of example index 1 is outside [0, 2)");
        Path shortLabels = dir.resolve("short.npy");
        NpyWriter.write(shortLabels, new int[] {0, 1});
        assertThatThrownBy(() -> LogitsImport.run(new LogitsImport.Request(logits, shortLabels, null, two,
                dir.resolve("a"), false), null))
                .isInstanceOf(WinnowException.class).hasMessageContaining(shortLabels.toString()).hasMessageContaining("[3]");
        assertThatThrownBy(() -> LogitsImport.run(new LogitsImport.Request(logits, fixture("labels_n3.npy"), null,
                LogitsImport.defaultObservations(3, 1, ObservationKind.CHECKPOINT), dir.resolve("a"), false), null))
                .isInstanceOf(WinnowException.class).hasMessageContaining("has 2 observations but 3 were described");
        Path feats = dir.resolve("feats.npy");
        NpyWriter.write(feats, new float[8], 4, 2);
        assertThatThrownBy(() -> LogitsImport.run(new LogitsImport.Request(logits, fixture("labels_n3.npy"), feats,
                two, dir.resolve("a"), false), null))
                .isInstanceOf(WinnowException.class).hasMessageContaining(feats.toString());
        assertThatThrownBy(() -> LogitsImport.run(new LogitsImport.Request(fixture("i32.npy"), fixture("labels_n3.npy"),
                null, two, dir.resolve("a"), false), null))
                .isInstanceOf(WinnowException.class).hasMessageContaining("i32.npy").hasMessageContaining("float32");
        assertThatThrownBy(() -> LogitsImport.run(new LogitsImport.Request(logits, dir.resolve("nope.npy"), null, two,
                dir.resolve("a"), false), null))
                .isInstanceOf(WinnowException.class).hasMessageContaining("nope.npy: no such file (the labels to import)");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.toFile().list()).allSatisfy(name -> assertThat(name).doesNotStartWith(".a."));
    }

    @Test
    void refusesAnExistingStoreUnlessForced() {
        List<Observation> two = LogitsImport.defaultObservations(2, 1, ObservationKind.CHECKPOINT);
        importFixture(two, null);
        assertThatThrownBy(() -> importFixture(two, null))
                .isInstanceOf(WinnowException.class).hasMessageContaining("already exists");
        LogitsImport.run(new LogitsImport.Request(fixture("logits_t2_n3_c2.npy"), fixture("labels_n3.npy"), null,
                LogitsImport.defaultObservations(2, 2, ObservationKind.CHECKPOINT), dir.resolve("store"), true), null);
        assertThat(DynamicsStore.open(dir.resolve("store")).runs()).isEqualTo(2);
    }

    @Test
    void twoDimensionalLogitsAreOneObservation() {
        // [N=2, C=2]: ex0 [0, 0] label 0 -> loss ln 2; ex1 [5, 0] label 1 -> gap -5, loss ln(1 + e^5)
        Path l = dir.resolve("one.npy");
        NpyWriter.write(l, new float[] {0, 0, 5, 0}, 2, 2);
        Path y = dir.resolve("y.npy");
        NpyWriter.write(y, new int[] {0, 1});
        assertThat(LogitsImport.observationCount(l)).isEqualTo(1);
        LogitsImport.run(new LogitsImport.Request(l, y, null,
                LogitsImport.defaultObservations(1, 1, ObservationKind.CHECKPOINT), dir.resolve("x"), false), null);
        float[] loss = row(DynamicsStore.open(dir.resolve("x")), "loss", 0);
        assertThat(loss[0]).isCloseTo((float) Math.log(2), EPS);
        assertThat(loss[1]).isCloseTo((float) Math.log1p(Math.exp(5)), EPS); // 5.006715
    }
}
