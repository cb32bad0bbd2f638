package dev.winnow.cli;

import dev.winnow.io.ScoreTable;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SelectCommandTest {
    @TempDir
    Path dir;
    Path scores;
    Path out;
    String stdout;
    String stderr;

    @BeforeEach
    void scores() {
        scores = dir.resolve("scores.csv");
        out = dir.resolve("keep.csv");
        //  id: 0     1     2     3     4     5     6     7    (seed 42 key order: 4, 2, 0, 1, 7, 5, 3, 6)
        new ScoreTable(new long[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[] {0, 0, 0, 0, 0, 1, 1, 1},
                new float[] {0.9f, 0.1f, 0.5f, 0.7f, 0.3f, 0.8f, 0.2f, 0.6f}).write(scores, false);
    }

    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = WinnowCli.execute(new PrintWriter(o, true), new PrintWriter(e, true), args);
        stdout = o.toString();
        stderr = e.toString();
        return rc;
    }

    String[] select(String... extra) {
        List<String> a = new ArrayList<>(List.of("select", "--scores", scores.toString(), "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    List<String> filesInDir() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesTheKeepListAndProvenance() throws Exception {
        assertThat(run(select("--keep", "0.5", "--strategy", "hard"))).isZero();
        assertThat(Files.readString(out)).isEqualTo("id,weight\n0,1\n3,1\n5,1\n7,1\n");
        assertThat(Files.readString(dir.resolve("keep.json")))
                .contains("\"strategy\" : \"hard\"", "\"k\" : 4", "\"n\" : 8", "\"sha256\"");
        assertThat(stdout).startsWith("kept 4 of 8 (hard, seed 0)");
        assertThat(stderr).isEmpty();
    }

    @Test
    void calibratedClassBalancedWithSeed() throws Exception {
        assertThat(run(select("--keep", "0.5", "--strategy", "calibrated", "--alpha", "0.5", "--seed", "42",
                "--class-balanced"))).isZero();
        assertThat(Files.readString(out)).isEqualTo("id,weight\n0,1\n2,2\n4,2\n7,3\n");
    }

    @Test
    void sameSeedSameBytesDifferentSeedDifferentPicks() throws Exception {
        assertThat(run(select("--keep-count", "3", "--strategy", "random", "--seed", "42"))).isZero();
        String first = Files.readString(out);
        assertThat(first).isEqualTo("id,weight\n0,1\n2,1\n4,1\n");
        assertThat(run(select("--keep-count", "3", "--strategy", "random", "--seed", "42", "--force"))).isZero();
        assertThat(Files.readString(out)).isEqualTo(first);
    }

    @Test
    void existingOutputIsRefusedWithoutForce() throws Exception {
        Files.writeString(out, "precious");
        assertThat(run(select("--keep", "0.5", "--strategy", "hard"))).isEqualTo(1);
        assertThat(stderr.strip()).isEqualTo("winnow: " + out + ": already exists (use --force to overwrite)");
        assertThat(Files.readString(out)).isEqualTo("precious");
        assertThat(run(select("--keep", "0.5", "--strategy", "hard", "--force"))).isZero();
        assertThat(Files.readString(out)).startsWith("id,weight\n");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertThat(run(select("--keep", "0.5", "--strategy", "hardest"))).isEqualTo(2);
        assertThat(stderr).startsWith("winnow: unknown strategy 'hardest' (choose one of hard, easy, window,");
        assertThat(stderr.lines().skip(1)).containsExactly("(see 'winnow select --help')");
        assertThat(run(select("--keep", "1.5", "--strategy", "hard"))).isEqualTo(2);
        assertThat(stderr).startsWith("winnow: --keep must be in (0, 1], got 1.5\n");
        assertThat(run(select("--keep", "0", "--strategy", "hard"))).isEqualTo(2);
        assertThat(run(select("--keep-count", "0", "--strategy", "hard"))).isEqualTo(2);
        assertThat(stderr).startsWith("winnow: --keep-count must be at least 1, got 0\n");
        assertThat(run(select("--keep-count", "9", "--strategy", "hard"))).isEqualTo(2);
        assertThat(stderr).startsWith("winnow: --keep-count 9 exceeds the 8 examples\n");
        assertThat(run(select("--keep", "0.5", "--keep-count", "3", "--strategy", "hard"))).isEqualTo(2);
        assertThat(run(select("--strategy", "hard"))).isEqualTo(2);
        assertThat(run(select("--keep", "0.5", "--strategy", "hard", "--alpha", "0.3"))).isEqualTo(2);
        assertThat(stderr).startsWith("winnow: --alpha applies to --strategy calibrated only\n");
        assertThat(run(select("--keep", "0.5", "--strategy", "window"))).isEqualTo(2);
        assertThat(stderr).contains("needs --offset");
        assertThat(run(select("--keep", "0.5", "--strategy", "window", "--offset", "0.7"))).isEqualTo(2);
        assertThat(stderr).contains("only 8 examples");
        assertThat(run("select", "--scores", scores.toString(), "--dynamics", dir.toString(), "--score", "el2n@1",
                "--keep", "0.5", "--strategy", "hard", "--out", out.toString())).isEqualTo(2);
        assertThat(filesInDir()).containsExactly("scores.csv");
    }

    @Test
    void dataErrorsExitOneWithOneLineAndNoOutput() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "id,label,score\n1,0,0.5\n2,0,zero\n");
        assertThat(run("select", "--scores", dir.resolve("bad.csv").toString(), "--keep", "0.5",
                "--strategy", "hard", "--out", out.toString())).isEqualTo(1);
        assertThat(stderr.lines().count()).isEqualTo(1);
        assertThat(stderr).contains("line 3 is not id,label,score numbers");
        assertThat(run("select", "--scores", dir.resolve("missing.csv").toString(), "--keep", "0.5",
                "--strategy", "hard", "--out", out.toString())).isEqualTo(1);
        assertThat(stderr.strip()).endsWith("missing.csv: no such file");
        Files.writeString(dir.resolve("inf.csv"), "id,label,score\n1,0,0.5\n2,0,Infinity\n");
        assertThat(run("select", "--scores", dir.resolve("inf.csv").toString(), "--keep", "0.5",
                "--strategy", "stratified", "--out", out.toString())).isEqualTo(1);
        assertThat(stderr.lines().count()).isEqualTo(1);
        assertThat(filesInDir()).containsExactly("bad.csv", "inf.csv", "scores.csv");
    }

    @Test
    void dynamicsScoresTheStoreThenSelects() throws Exception {
        // 4 examples of class 0, logits (z0, z1): p_true falls 2 > 1 > 0 > -2 in z0 - z1, so el2n rises
        // in the order ids 0, 3, 1, 2 and the 2 hardest are ids 1 and 2.
        Path store = dir.resolve("store");
        try (DynamicsWriter w = DynamicsWriter.create(store, 4, 2, EnumSet.of(Signal.EL2N), false, false)) {
            int[] labels = {0, 0, 0, 0};
            w.labels(labels);
            w.observe(new Observation(0, 1, ObservationKind.CHECKPOINT),
                    new float[] {2, 0, 0, 0, 0, 2, 1, 0}, null, labels);
            w.commit();
        }
        assertThat(run("select", "--dynamics", store.toString(), "--score", "el2n@1", "--keep", "0.5",
                "--strategy", "hard", "--out", out.toString())).isZero();
        assertThat(Files.readString(out)).isEqualTo("id,weight\n1,1\n2,1\n");
        assertThat(run("select", "--dynamics", store.toString(), "--score", "nonsense", "--keep", "0.5",
                "--strategy", "hard", "--out", out.toString(), "--force")).isEqualTo(2);
        assertThat(run("select", "--dynamics", dir.toString(), "--keep", "0.5",
                "--strategy", "hard", "--out", out.toString(), "--force")).isEqualTo(2);
    }

    @Test
    void helpTeachesTheStrategies() {
        assertThat(run("select", "--help")).isZero();
        // the strategy lines come from the catalogue, as a study's methods write them
        assertThat(stdout).contains("hard ", "easy ", "window:OFFSET ", "random ", "stratified[:DROP-HARDEST[:BINS]]",
                "calibrated[:ALPHA]", "alpha: the share of k taken hardest",
                "<= ~30% kept", "Ayed & Hayou 2023", "Zheng et al. 2023", "--class-balanced");
        assertThat(run("--help")).isZero();
        assertThat(stdout).contains("select");
    }
}
