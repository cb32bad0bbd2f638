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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code winnow import --signal}: the fixture loss_t2_n3_f64.npy (make_fixtures.py) is float64
 * <pre>
 * row 0: 0.5   NaN  2.0
 * row 1: 0.25  1.0  4.0
 * </pre>
 */
class SignalImportTest {
    private static final Offset<Float> EPS = Offset.offset(1e-5f);

    @TempDir
    Path dir;

    private static Path fixture(String name) {
        try {
            return Path.of(SignalImportTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[] row(DynamicsStore s, String signal, int t) {
        float[] r = new float[s.examples()];
        s.signal(signal, t).get(r);
        return r;
    }

    private LogitsImport.Result importLoss(Map<String, Path> signals, Path labels, ObservationKind kind) {
        return SignalImport.run(new SignalImport.Request(signals, labels,
                LogitsImport.defaultObservations(2, 1, kind), dir.resolve("store"), false), null);
    }

    @Test
    void float64LossBecomesACheckpointStoreThatCatScores() {
        LogitsImport.Result r = importLoss(Map.of("loss", fixture("loss_t2_n3_f64.npy")), null, ObservationKind.CHECKPOINT);
        assertThat(r.signals()).containsExactly("loss");
        DynamicsStore s = DynamicsStore.open(r.store());
        assertThat(s.examples()).isEqualTo(3);
        assertThat(s.classes()).isEqualTo(1);
        assertThat(s.labels()).containsExactly(0, 0, 0);
        assertThat(s.observations()).containsExactly(new Observation(0, 1, ObservationKind.CHECKPOINT),
                new Observation(0, 2, ObservationKind.CHECKPOINT));
        assertThat(row(s, "loss", 0)[0]).isEqualTo(0.5f);
        assertThat(row(s, "loss", 0)[1]).isNaN();
        assertThat(row(s, "loss", 1)).containsExactly(0.25f, 1f, 4f);

        // cat@2 = population variance of exp(loss) over the checkpoints: ((a − b) / 2)² for two values
        float[] cat = ScoreSpec.parse("cat@2").create(ScoreOptions.defaults()).compute(s);
        assertThat(cat[0]).isCloseTo((float) Math.pow((Math.exp(0.5) - Math.exp(0.25)) / 2, 2), EPS);
        assertThat(cat[1]).isEqualTo(0f);                       // one observed checkpoint: variance 0
        assertThat(cat[2]).isCloseTo((float) Math.pow((Math.exp(4) - Math.exp(2)) / 2, 2), Offset.offset(1e-3f));
        assertThat(ScoreSpec.parse("loss@2").create(ScoreOptions.defaults()).compute(s)).containsExactly(0.25f, 1f, 4f);
    }

    @Test
    void aScoreNeedingAnAbsentSignalFailsNamingIt() {
        DynamicsStore s = DynamicsStore.open(importLoss(Map.of("loss", fixture("loss_t2_n3_f64.npy")), null,
                ObservationKind.CHECKPOINT).store());
        assertThatThrownBy(() -> ScoreSpec.parse("el2n@1").create(ScoreOptions.defaults()).compute(s))
                .isInstanceOf(WinnowException.class).hasMessageContaining("el2n").hasMessageContaining("[loss]");
        assertThatThrownBy(() -> ScoreSpec.parse("forgetting").create(ScoreOptions.defaults()).compute(s))
                .isInstanceOf(WinnowException.class).hasMessageContaining("correct");
    }

    @Test
    void severalSignalsWithLabelsKeepTheirOrderAndClasses() throws IOException {
        Path err = dir.resolve("sq_err.npy");
        NpyWriter.write(err, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Path labels = dir.resolve("y.npy");
        NpyWriter.write(labels, new int[] {2, 0, 1});
        Map<String, Path> signals = new LinkedHashMap<>();
        signals.put("sq_err", err);
        signals.put("loss", fixture("loss_t2_n3_f64.npy"));
        DynamicsStore s = DynamicsStore.open(importLoss(signals, labels, ObservationKind.PRESENTATION).store());
        assertThat(s.manifest().signals()).containsExactly("sq_err", "loss");
        assertThat(s.classes()).isEqualTo(3);
        assertThat(s.labels()).containsExactly(2, 0, 1);
        assertThat(row(s, "sq_err", 1)).containsExactly(4f, 5f, 6f);
        assertThat(s.observations().get(0).kind()).isEqualTo(ObservationKind.PRESENTATION);
    }

    @Test
    void badInputFailsWithOneLineAndWritesNothing() throws IOException {
        Path loss = fixture("loss_t2_n3_f64.npy");
        Path four = dir.resolve("y4.npy");
        NpyWriter.write(four, new int[] {0, 1, 0, 1});
        assertThatThrownBy(() -> importLoss(Map.of("loss", loss), four, ObservationKind.CHECKPOINT))
                .isInstanceOf(WinnowException.class)
                .hasMessage(loss + ": has 3 examples (columns) but y4.npy has 4 labels");

        Path wide = dir.resolve("wide.npy");
        NpyWriter.write(wide, new float[8], 2, 4);
        Map<String, Path> two = new LinkedHashMap<>();
        two.put("loss", loss);
        two.put("other", wide);
        assertThatThrownBy(() -> importLoss(two, null, ObservationKind.CHECKPOINT))
                .hasMessage(wide + ": shape [2, 4] disagrees with loss_t2_n3_f64.npy's [2, 3]");

        Path vector = dir.resolve("v.npy");
        NpyWriter.write(vector, new float[3], 3);
        assertThatThrownBy(() -> SignalImport.observationCount(vector)).hasMessageContaining("expected [T, N]");
        assertThatThrownBy(() -> SignalImport.observationCount(fixture("i32.npy")))
                .hasMessageContaining("dtype int32, expected float32 or float64");
        assertThatThrownBy(() -> importLoss(Map.of("logits", loss), null, ObservationKind.CHECKPOINT))
                .hasMessageContaining("taken by the store's logits.npy");
        assertThatThrownBy(() -> importLoss(Map.of("Loss!", loss), null, ObservationKind.CHECKPOINT))
                .hasMessageContaining("lower-case letters");

        Path inf = dir.resolve("inf.npy");
        NpyWriter.write(inf, new float[] {1, 2, Float.POSITIVE_INFINITY, 4, 5, 6}, 2, 3);
        assertThatThrownBy(() -> importLoss(Map.of("loss", inf), null, ObservationKind.CHECKPOINT))
                .hasMessage(inf + ": value at row 0, column 2 is infinite (use NaN for an example not observed)");
        assertThatThrownBy(() -> SignalImport.run(new SignalImport.Request(Map.of("loss", loss), null,
                LogitsImport.defaultObservations(3, 1, ObservationKind.CHECKPOINT), dir.resolve("store"), false), null))
                .hasMessageContaining("has 2 observations (rows) but 3 were described");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.contains("store")).toList()).isEmpty();
        }
        assertThat(List.of(four, wide, vector, inf)).allMatch(Files::exists);
    }
}
