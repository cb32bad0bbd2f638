package dev.winnow.cli;

import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code winnow duplicates} and {@code winnow audit} end to end: outputs, exit codes, one-line errors, no debris. */
class QualityCommandsTest {
    @TempDir
    Path dir;
    String out;
    String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = WinnowCli.execute(new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    /**
     * 8 examples of 2 classes (labels 0,0,0,0,1,1,1,1; ids 100..107), 2 epochs of presentations. Logits favour the
     * label, except example 3 (labelled 0, more confidently 1 than any example labelled 1). Features: 2-D, example 1 a near-copy of example 0
     * (cosine 0.9995), the others spread around the circle; {@code nan} puts a NaN into example 5's features.
     */
    private Path store(String name, boolean features, boolean nan, int[] labels) {
        return store(name, features, nan, labels, true);
    }

    private Path store(String name, boolean features, boolean nan, int[] labels, boolean logits) {
        int n = labels.length;
        try (DynamicsWriter w = DynamicsWriter.create(dir.resolve(name), n, 2,
                EnumSet.of(Signal.P_TRUE, Signal.CORRECT, Signal.LOSS), logits, false)) {
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = 100 + i;
            }
            w.labels(labels).ids(ids);
            for (int e = 1; e <= 2; e++) {
                float[] z = new float[n * 2];
                for (int i = 0; i < n; i++) {
                    int likely = i == 3 ? 1 - labels[i] : labels[i];
                    z[i * 2 + likely] = i == 3 ? 6f + e : 2f + 0.1f * i + e;
                }
                w.observe(new Observation(0, e, ObservationKind.PRESENTATION), z, null, labels);
            }
            if (features) {
                float[] h = new float[n * 2];
                for (int i = 0; i < n; i++) {
                    double a = i == 1 ? 0.0316 : 0.7 * i; // cos(0.0316) = 0.9995
                    h[i * 2] = (float) Math.cos(a);
                    h[i * 2 + 1] = (float) Math.sin(a);
                }
                if (nan) {
                    h[5 * 2 + 1] = Float.NaN;
                }
                w.features(0, h, 2);
            }
            return w.commit();
        }
    }

    private static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1, 1};

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(f -> !f.startsWith("s")).sorted().toList();
        }
    }

    private void assertOneLineError(String containing) {
        assertThat(err.lines().toList()).as(err).hasSize(1);
        assertThat(err).startsWith("winnow: ").contains(containing).doesNotContain("Exception");
    }

    @Test
    void duplicatesWritesTheGroupsAndAKeepListWithOnePerGroup() throws IOException {
        Path s = store("s", true, false, LABELS);
        Path groups = dir.resolve("groups.csv");
        Path keep = dir.resolve("keep.csv");
        assertThat(run("duplicates", "--dynamics", s.toString(), "--threshold", "0.001", "--out", groups.toString(),
                "--keep-list", keep.toString())).as(err).isZero();
        List<String> rows = Files.readAllLines(groups);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo("group,id,label,similarity_to_kept");
        assertThat(rows.subList(1, 3)).anyMatch(r -> r.startsWith("0,100,0,")).anyMatch(r -> r.startsWith("0,101,0,"));
        assertThat(rows.subList(1, 3)).anyMatch(r -> r.endsWith(",1.000000")).anyMatch(r -> r.startsWith("0,101,0,0.9995"));
        List<String> kept = Files.readAllLines(keep);
        assertThat(kept).hasSize(8); // header + 7: one of 100, 101 dropped
        assertThat(Files.readString(dir.resolve("keep.json"))).contains("\"format\" : \"winnow-duplicates\"")
                .contains("\"groups\" : 1").contains("\"k\" : 7");
        assertThat(out).contains("1 groups, 2 of 8 examples in a group");
        // again without --force: refused, nothing changed
        assertThat(run("duplicates", "--dynamics", s.toString(), "--out", groups.toString())).isEqualTo(1);
        assertOneLineError("already exists");
    }

    @Test
    void duplicatesRefusesAStoreWithoutFeaturesNaNFeaturesAndABadThreshold() throws IOException {
        Path bare = store("s-bare", false, false, LABELS);
        Path nan = store("s-nan", true, true, LABELS);
        Path groups = dir.resolve("groups.csv");
        assertThat(run("duplicates", "--dynamics", bare.toString(), "--out", groups.toString())).isEqualTo(1);
        assertOneLineError("no features.npy");
        assertThat(run("duplicates", "--dynamics", nan.toString(), "--out", groups.toString(),
                "--keep-list", dir.resolve("keep.csv").toString())).isEqualTo(1);
        assertOneLineError("features.npy: feature 1 of example id 105 is NaN");
        for (String eps : List.of("0", "2", "-1")) {
            assertThat(run("duplicates", "--dynamics", nan.toString(), "--threshold", eps, "--out", groups.toString()))
                    .isEqualTo(2);
            assertThat(err).contains("--threshold must be in (0, 2)");
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void auditWritesLabelIssuesAndThePage() throws IOException {
        Path s = store("s", true, false, LABELS);
        Path audit = dir.resolve("audit");
        assertThat(run("audit", "--dynamics", s.toString(), "--threshold", "0.001", "--out", audit.toString()))
                .as(err).isZero();
        List<String> issues = Files.readAllLines(audit.resolve("label-issues.csv"));
        assertThat(issues.get(0)).isEqualTo("id,label,suggested_label,quality");
        // example 3 (id 103, labelled 0) is confidently class 1
        assertThat(issues).anyMatch(r -> r.startsWith("103,0,1,"));
        assertThat(audit.resolve("duplicates.csv")).exists();
        assertThat(audit.resolve("outliers.csv")).exists();
        assertThat(audit.resolve("audit-files/data-map.png")).exists();
        assertThat(Files.readString(audit.resolve("audit.json"))).contains("\"estimatedIssues\"");
        String page = Files.readString(audit.resolve("audit.html"));
        assertThat(page).contains("Label issues").contains("Near-duplicates").contains("Outliers")
                .contains("Class balance").contains("Data map").contains("hard-to-learn");
        assertThat(out).contains("label issues estimated");
    }

    @Test
    void auditRefusesAClassWithOneExampleAndAStoreWithoutLogits() throws IOException {
        Path one = store("s-one", true, false, new int[] {0, 0, 0, 0, 0, 0, 0, 1});
        Path audit = dir.resolve("audit");
        assertThat(run("audit", "--dynamics", one.toString(), "--out", audit.toString())).isEqualTo(1);
        assertOneLineError("class 1 has a single example (id 107)");
        assertThat(run("audit", "--dynamics", one.toString(), "--probabilities", "checkpoints", "--out",
                audit.toString())).isEqualTo(2);
        assertThat(err).contains("--probabilities must be presentations or first-epoch");
        Path noLogits = store("s-nologits", true, false, LABELS, false);
        assertThat(run("audit", "--dynamics", noLogits.toString(), "--out", audit.toString())).isEqualTo(1);
        assertOneLineError("confident learning needs logits.npy");
        assertThat(files()).isEmpty();
    }
}
