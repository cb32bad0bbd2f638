package dev.winnow.cli;

import dev.winnow.io.ScoreTable;
import dev.winnow.npy.NpyWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code winnow import} and {@code winnow score} end to end: exit codes, one-line errors, no debris. */
class ScoreAndImportCommandTest {
    @TempDir
    Path dir;
    Path logits;
    Path labels;
    Path store;
    String out;
    String err;

    /**
     * Logits of 3 examples, 2 classes, 2 epochs; labels [0, 1, 1]. Epoch 2 has ex2 NaN (not observed).
     * Epoch 1: ex0 [0, 0] (p_y 1/2), ex1 [0, 0] (p_y 1/2), ex2 [1, 0] (gap -1)
     */
    @BeforeEach
    void writeInputs() {
        logits = dir.resolve("logits.npy");
        NpyWriter.write(logits, new float[] {0, 0, 0, 0, 1, 0, 2, 0, 0, 3, Float.NaN, Float.NaN}, 2, 3, 2);
        labels = dir.resolve("labels.npy");
        NpyWriter.write(labels, new long[] {0, 1, 1});
        store = dir.resolve("store");
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = WinnowCli.execute(new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private void importStore(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("import", "--logits", logits.toString(),
                "--labels", labels.toString(), "--out", store.toString()));
        args.addAll(List.of(extra));
        assertThat(run(args.toArray(String[]::new))).as(err).isZero();
    }

    private List<String> siblingsOf(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p.toAbsolutePath().getParent())) {
            return s.map(x -> x.getFileName().toString()).filter(n -> n.contains(p.getFileName().toString())).toList();
        }
    }

    private void assertOneLineError(String containing) {
        assertThat(err.lines().toList()).as(err).hasSize(1);
        assertThat(err).startsWith("winnow: ").contains(containing).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** A usage error: the message on one line, then where to find help. */
    private void assertUsageError(String containing, String command) {
        assertThat(err.lines().toList()).as(err).hasSize(2);
        assertThat(err).startsWith("winnow: ").contains(containing).doesNotContain("Exception");
        assertThat(err.lines().toList().get(1)).isEqualTo("(see 'winnow " + command + " --help')");
    }

    @Test
    void importThenScoreWritesTheCsv() throws IOException {
        importStore();
        assertThat(out).contains("2 observations of 3 examples, 2 classes");
        assertThat(err).contains("imported observation 2/2").contains("note: grad_norm omitted");
        Path csv = dir.resolve("loss.csv");
        assertThat(run("score", "--dynamics", store.toString(), "--score", "loss@1", "--out", csv.toString())).as(err).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("id,label,score");
        ScoreTable t = ScoreTable.read(csv);
        assertThat(t.ids()).containsExactly(0, 1, 2);
        assertThat(t.labels()).containsExactly(0, 1, 1);
        // epoch 1: ex0, ex1 ln 2; ex2 gap -1 -> ln(1 + e)
        assertThat(t.scores()[0]).isCloseTo((float) Math.log(2), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(t.scores()[1]).isCloseTo((float) Math.log(2), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(t.scores()[2]).isCloseTo((float) Math.log1p(Math.E), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(siblingsOf(csv)).containsExactly("loss.csv");
    }

    @Test
    void unknownScoreIsAUsageErrorListingTheKnownOnes() {
        importStore();
        Path csv = dir.resolve("x.csv");
        assertThat(run("score", "--dynamics", store.toString(), "--score", "el2m@1", "--out", csv.toString())).isEqualTo(2);
        assertUsageError("unknown score 'el2m@1'", "score");
        assertThat(err).contains("el2n@E").contains("forgetting").contains("external");
        assertThat(csv).doesNotExist();
        assertThat(run("score", "--dynamics", store.toString(), "--score", "el2n", "--out", csv.toString())).isEqualTo(2);
        assertUsageError("needs an epoch", "score");
        assertThat(run("score", "--dynamics", store.toString(), "--score", "aum", "--missing", "skip",
                "--out", csv.toString())).isEqualTo(2);
        assertThat(run("score", "--dynamics", store.toString(), "--score", "aum", "--column", "q",
                "--out", csv.toString())).isEqualTo(2);
        assertThat(run("score", "--dynamics", store.toString(), "--out", csv.toString())).isEqualTo(2);
        assertThat(err).contains("--score");
        assertThat(csv).doesNotExist();
    }

    @Test
    void dataErrorsAreOneLineExitOneAndLeaveNoOutput() throws IOException {
        importStore();
        Path csv = dir.resolve("s.csv");
        // the store has epochs 1..2 only
        assertThat(run("score", "--dynamics", store.toString(), "--score", "el2n@5", "--out", csv.toString())).isEqualTo(1);
        assertOneLineError("epoch 5");
        // forgetting needs presentations; the import made checkpoints
        assertThat(run("score", "--dynamics", store.toString(), "--score", "forgetting", "--out", csv.toString())).isEqualTo(1);
        assertOneLineError("presentation observations");
        // grad_norm was not derivable
        assertThat(run("score", "--dynamics", store.toString(), "--score", "grand@1", "--out", csv.toString())).isEqualTo(1);
        assertOneLineError("'grad_norm'");
        // no such store
        assertThat(run("score", "--dynamics", dir.resolve("nope").toString(), "--score", "loss@1", "--out", csv.toString()))
                .isEqualTo(1);
        assertOneLineError("nope");
        // ex2 is NaN at epoch 2: refused by default, ranked with --missing hardest
        assertThat(run("score", "--dynamics", store.toString(), "--score", "loss@2", "--out", csv.toString())).isEqualTo(1);
        assertOneLineError("first id 2");
        assertThat(csv).doesNotExist();
        assertThat(siblingsOf(csv)).isEmpty();
        assertThat(run("score", "--dynamics", store.toString(), "--score", "loss@2", "--missing", "hardest",
                "--out", csv.toString())).as(err).isZero();
        // epoch 2: ex0 [2, 0] label 0 gap 2, ex1 [0, 3] label 1 gap 3; ex2 gets the larger loss, ex0's
        float[] s = ScoreTable.read(csv).scores();
        assertThat(s[2]).isEqualTo(s[0]).isGreaterThan(s[1]);
    }

    @Test
    void existingOutputNeedsForce() throws IOException {
        importStore();
        Path csv = dir.resolve("r.csv");
        Files.writeString(csv, "keep me\n");
        assertThat(run("score", "--dynamics", store.toString(), "--score", "random", "--out", csv.toString())).isEqualTo(1);
        assertOneLineError("already exists (use --force to overwrite)");
        assertThat(Files.readString(csv)).isEqualTo("keep me\n");
        assertThat(run("score", "--dynamics", store.toString(), "--score", "random", "--seed", "3", "--force",
                "--out", csv.toString())).as(err).isZero();
        assertThat(ScoreTable.read(csv).size()).isEqualTo(3);
    }

    @Test
    void externalScoreFromTheCommandLine() throws IOException {
        importStore();
        Path q = dir.resolve("q.csv");
        Files.writeString(q, "id,qe\n2,0.9\n0,0.1\n1,0.5\n");
        Path csv = dir.resolve("e.csv");
        assertThat(run("score", "--dynamics", store.toString(), "--score", "external", "--external", q.toString(),
                "--column", "qe", "--out", csv.toString())).as(err).isZero();
        assertThat(ScoreTable.read(csv).scores()).containsExactly(0.1f, 0.5f, 0.9f);
        assertThat(run("score", "--dynamics", store.toString(), "--score", "external", "--out", csv.toString()))
                .isEqualTo(2);
    }

    @Test
    void importErrors() throws IOException {
        Path bad = dir.resolve("bad_labels.npy");
        NpyWriter.write(bad, new long[] {0, 7, 1});
        assertThat(run("import", "--logits", logits.toString(), "--labels", bad.toString(), "--out", store.toString()))
                .isEqualTo(1);
        assertOneLineError(bad.toString());
        assertThat(store).doesNotExist();
        assertThat(siblingsOf(store)).isEmpty();
        assertThat(run("import", "--logits", logits.toString(), "--labels", labels.toString(), "--kind", "eval",
                "--out", store.toString())).isEqualTo(2);
        assertUsageError("observation kind 'eval'", "import");
        assertThat(run("import", "--logits", logits.toString(), "--labels", labels.toString(), "--runs", "3",
                "--out", store.toString())).isEqualTo(2);
        importStore("--kind", "presentation", "--runs", "2");
        assertThat(run("import", "--logits", logits.toString(), "--labels", labels.toString(), "--out", store.toString()))
                .isEqualTo(1);
        assertOneLineError("already exists");
        // presentations over 2 runs: forgetting works; ex2 run 0 gap -1 (wrong) once, run 1 unobserved -> 1
        Path csv = dir.resolve("f.csv");
        assertThat(run("score", "--dynamics", store.toString(), "--score", "forgetting", "--out", csv.toString()))
                .as(err).isZero();
        // ex0: run 0 [0,0] tie -> argmax 0 = label, correct -> 0; run 1 correct -> 0. ex1: run 0 tie -> argmax 0,
        // wrong once (never correct: 1); run 1 [0, 3] correct -> 0; mean 0.5
        assertThat(ScoreTable.read(csv).scores()).containsExactly(0f, 0.5f, 1f);
    }

    @Test
    void helpListsEveryScore() {
        assertThat(run("score", "--help")).isZero();
        for (String s : List.of("random", "el2n@E", "grand@E", "loss@E", "entropy@E", "least_confidence@E", "margin@E",
                "forgetting", "aum", "vog", "cat@K", "influence", "dealrec[@E]", "external")) {
            assertThat(out).contains("  " + s + " ");
        }
        assertThat(out).contains("Toneva et al. 2019").contains("reads logit_margin").contains("Lin et al. 2024")
                .contains("--damping").contains("--dealrec-lambda");
        assertThat(run("--help")).isZero();
        assertThat(out).contains("import").contains("score");
    }

    @Test
    void influenceAndDealrecNeedFeatures() throws IOException {
        importStore();
        Path csv = dir.resolve("i.csv");
        assertThat(run("score", "--dynamics", store.toString(), "--score", "influence", "--out", csv.toString()))
                .isEqualTo(1);
        assertOneLineError("features.npy");
        assertThat(err).contains("record features");
        assertThat(csv).doesNotExist();
        assertThat(run("score", "--dynamics", store.toString(), "--score", "influence", "--damping", "0",
                "--out", csv.toString())).isEqualTo(2);
        assertUsageError("damping", "score");

        // with features per observation [T, N, D] = 2 x 3 x 2 the import also derives grad_norm
        Path feats = dir.resolve("h.npy");
        NpyWriter.write(feats, new float[] {1, 0, -1, 0.5f, 0.5f, 2, 1, 1, -1, 0, 0.5f, -2}, 2, 3, 2);
        Path withFeatures = dir.resolve("store-h");
        assertThat(run("import", "--logits", logits.toString(), "--labels", labels.toString(),
                "--features", feats.toString(), "--out", withFeatures.toString())).as(err).isZero();
        assertThat(run("score", "--dynamics", withFeatures.toString(), "--score", "influence", "--out", csv.toString()))
                .as(err).isZero();
        assertThat(ScoreTable.read(csv).scores()).hasSize(3).doesNotContain(Float.NaN);
        Path d = dir.resolve("d.csv");
        assertThat(run("score", "--dynamics", withFeatures.toString(), "--score", "dealrec@1", "--dealrec-lambda", "0.5",
                "--out", d.toString())).as(err).isZero();
        float[] dr = ScoreTable.read(d).scores();
        // minmax(influence) + 0.5·minmax(effort): each part in [0, 1], and the top of each part is 1
        for (float v : dr) {
            assertThat(v).isBetween(0f, 1.5f);
        }
    }
}
