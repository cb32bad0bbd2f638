package dev.winnow.cli;

import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code winnow select --dynamics DIR --strategy moderate|kcenter|d2}: the store's features, and the refusals. */
class FeatureSelectCommandTest {
    @TempDir
    Path dir;
    String stdout;
    String stderr;

    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = WinnowCli.execute(new PrintWriter(o, true), new PrintWriter(e, true), args);
        stdout = o.toString();
        stderr = e.toString();
        return rc;
    }

    /**
     * A store of 8 examples (ids 0..7; seed 42 orders their keys 4, 2, 0, 1, 7, 5, 3, 6), classes 0,0,0,0,0,1,1,1,
     * one checkpoint at epoch 1, and one-dimensional features {@code x} of run 0 (none when null).
     */
    Path store(String name, float[] x) {
        Path store = dir.resolve(name);
        int[] labels = {0, 0, 0, 0, 0, 1, 1, 1};
        try (DynamicsWriter w = DynamicsWriter.create(store, 8, 2, EnumSet.of(Signal.EL2N), false, false)) {
            w.labels(labels);
            float[] logits = new float[16];
            for (int i = 0; i < 8; i++) {
                logits[2 * i + labels[i]] = i; // p_true rises with the id: el2n falls
            }
            w.observe(new Observation(0, 1, ObservationKind.CHECKPOINT), logits, null, labels);
            if (x != null) {
                w.features(0, x, 1);
            }
            w.commit();
        }
        return store;
    }

    static final float[] LINE = {0, 1, 2, 10, 11, 20, 30, 31};

    String[] select(Path store, String... extra) {
        return Stream.concat(Stream.of("select", "--dynamics", store.toString(), "--out",
                dir.resolve("keep.csv").toString(), "--seed", "42"), Stream.of(extra)).toArray(String[]::new);
    }

    boolean noKeepList() {
        return !Files.exists(dir.resolve("keep.csv")) && !Files.exists(dir.resolve("keep.json"));
    }

    @Test
    void kcenterReadsTheFeaturesOfTheStore() throws Exception {
        Path s = store("s", LINE);
        // first centre id 4 (smallest key), then the farthest: id 7 (31), then id 0 (0)
        assertThat(run(select(s, "--keep-count", "3", "--strategy", "kcenter"))).isZero();
        assertThat(Files.readString(dir.resolve("keep.csv"))).isEqualTo("id,weight\n0,1\n4,1\n7,1\n");
        assertThat(Files.readString(dir.resolve("keep.json")))
                .contains("\"strategy\" : \"kcenter\"", "\"featureRun\" : 0", "\"role\" : \"features\"",
                        "features.npy");
        assertThat(stdout).startsWith("kept 3 of 8 (kcenter, seed 42)");
    }

    @Test
    void moderateAndD2() throws Exception {
        Path s = store("s", new float[] {0, 1, 2, 3, 100, 5, 6, 50});
        // per class by distance to the class median; quotas 3 and 1 (FeatureSelectorTest works it by hand)
        assertThat(run(select(s, "--keep", "0.5", "--strategy", "moderate"))).isZero();
        assertThat(Files.readString(dir.resolve("keep.csv"))).isEqualTo("id,weight\n0,1\n1,1\n3,1\n5,1\n");
        assertThat(stdout).contains("(moderate, class-balanced, seed 42)");
        assertThat(run(select(s, "--keep", "0.5", "--strategy", "d2", "--score", "el2n@1", "--neighbours", "2",
                "--gamma", "0.5", "--class-balanced", "--force"))).isZero();
        assertThat(Files.readString(dir.resolve("keep.json")))
                .contains("\"neighbours\" : 2", "\"gamma\" : 0.5", "\"classBalanced\" : true");
    }

    @Test
    void usageErrorsExitTwoAndWriteNothing() throws Exception {
        Path s = store("s", LINE);
        assertThat(run(select(s, "--keep-count", "9", "--strategy", "kcenter"))).isEqualTo(2);
        assertThat(stderr).startsWith("winnow: --keep-count 9 exceeds the 8 examples\n");
        assertThat(run(select(s, "--keep", "0.5", "--strategy", "kcenter", "--feature-run", "1"))).isEqualTo(2);
        assertThat(stderr).startsWith("winnow: --feature-run 1: ").contains("holds run 0 only");
        assertThat(run(select(s, "--keep", "0.5", "--strategy", "kcenter", "--score", "el2n@1"))).isEqualTo(2);
        assertThat(stderr).startsWith("winnow: --strategy kcenter reads no score: leave out --score\n");
        assertThat(run(select(s, "--keep", "0.5", "--strategy", "d2"))).isEqualTo(2);
        assertThat(stderr).startsWith("winnow: --strategy d2 reads scores: give --score NAME with --dynamics\n");
        assertThat(run(select(s, "--keep", "0.5", "--strategy", "hard", "--feature-run", "0"))).isEqualTo(2);
        assertThat(run(select(s, "--keep", "0.5", "--strategy", "kcenter", "--gamma", "2"))).isEqualTo(2);
        assertThat(stderr).startsWith("winnow: --gamma applies to --strategy d2 only\n");
        assertThat(run(select(s, "--keep", "0.5", "--strategy", "d2", "--score", "el2n@1", "--gamma", "0")))
                .isEqualTo(2);
        Path csv = dir.resolve("scores.csv");
        Files.writeString(csv, "id,label,score\n1,0,0.5\n");
        assertThat(run("select", "--scores", csv.toString(), "--keep", "0.5", "--strategy", "moderate", "--out",
                dir.resolve("keep.csv").toString())).isEqualTo(2);
        assertThat(stderr).startsWith("winnow: --strategy moderate selects on features: give --dynamics DIR");
        assertThat(noKeepList()).isTrue();
    }

    @Test
    void dataErrorsExitOneInOneLineAndWriteNothing() throws Exception {
        Path none = store("none", null);
        assertThat(run(select(none, "--keep", "0.5", "--strategy", "kcenter"))).isEqualTo(1);
        assertThat(stderr.lines().count()).isEqualTo(1);
        assertThat(stderr).contains(none.resolve("features.npy") + ": missing; feature strategies");
        float[] nan = LINE.clone();
        nan[3] = Float.NaN;
        Path bad = store("bad", nan);
        assertThat(run(select(bad, "--keep", "0.5", "--strategy", "moderate"))).isEqualTo(1);
        assertThat(stderr.lines().count()).isEqualTo(1);
        assertThat(stderr).contains("features.npy (run 0): the features of the example at row 4 hold NaN");
        assertThat(noKeepList()).isTrue();
    }
}
