package dev.winnow.spark;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line end to end in the shared local session: outputs, exit codes, one-line errors. */
class SparkMainTest {
    @TempDir
    static Path dir;
    private static Path store;
    private static Path parquet;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        SharedSpark.get(); // the commands reuse the running session
        int code = SparkMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void data() {
        store = TestStores.write(dir.resolve("store"), 500, 3);
        parquet = dir.resolve("dyn.parquet");
        Run r = run("export", "--dynamics", store.toString(), "--parquet", parquet.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void scoreWritesOneCsvSortedById() throws IOException {
        Path out = dir.resolve("el2n.csv");
        Run r = run("score", "--parquet", parquet.toString(), "--score", "el2n@4", "--missing", "hardest",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("id,label,score");
        assertThat(lines).hasSize(501);
        long prev = Long.MIN_VALUE;
        for (String l : lines.subList(1, lines.size())) {
            long id = Long.parseLong(l.split(",")[0]);
            assertThat(id).isGreaterThan(prev);
            prev = id;
        }
        Run again = run("score", "--parquet", parquet.toString(), "--score", "el2n@4", "--missing", "hardest",
                "--out", out.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo("winnow: " + out + ": already exists (use --force to overwrite)");
    }

    @Test
    void missingScoresFailByDefault() {
        Run r = run("score", "--parquet", parquet.toString(), "--score", "el2n@4", "--out",
                dir.resolve("x.csv").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("winnow: " + parquet + ": score 'el2n@4' has no value for ")
                .contains("--missing hardest|easiest").doesNotContain("\n");
    }

    @Test
    void selectWritesIdAndWeightSortedById() throws IOException {
        Path out = dir.resolve("keep.csv");
        Run r = run("select", "--parquet", parquet.toString(), "--score", "forgetting", "--missing", "easiest", "--keep", "0.3",
                "--strategy", "calibrated", "--class-balanced", "--alpha", "0.5", "--seed", "4", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("id,weight");
        assertThat(lines).hasSize(1 + 150);
        double sum = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).sum();
        assertThat(sum).isCloseTo(500.0, org.assertj.core.api.Assertions.within(1e-6));
        // keep.json beside it, in the core's format: the same sum (in id order), k, N, options, the CSV's hash
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("keep.json").toFile());
        assertThat(json.path("format").asText()).isEqualTo("winnow-selection");
        assertThat(json.path("strategy").asText()).isEqualTo("calibrated");
        assertThat(json.path("classBalanced").asBoolean()).isTrue();
        assertThat(json.path("seed").asLong()).isEqualTo(4);
        assertThat(json.path("parameters").path("keep").asDouble()).isEqualTo(0.3);
        assertThat(json.path("parameters").path("alpha").asDouble()).isEqualTo(0.5);
        assertThat(json.path("n").asInt()).isEqualTo(500);
        assertThat(json.path("k").asInt()).isEqualTo(150);
        assertThat(json.path("weightSum").asDouble()).isEqualTo(sum);
        assertThat(json.path("output").path("sha256").asText()).isEqualTo(dev.winnow.select.KeepListWriter.sha256(out));
        assertThat(json.path("inputs").get(0).path("role").asText()).isEqualTo("dynamics");
        Run again = run("select", "--parquet", parquet.toString(), "--score", "forgetting", "--missing", "easiest",
                "--keep", "0.3", "--strategy", "random", "--out", dir.resolve("keep2.csv").toString());
        assertThat(again.code()).as(again.err()).isZero();
        Files.delete(dir.resolve("keep2.csv"));
        Run refused = run("select", "--parquet", parquet.toString(), "--score", "forgetting", "--missing", "easiest",
                "--keep", "0.3", "--strategy", "random", "--out", dir.resolve("keep2.csv").toString());
        assertThat(refused.code()).as("keep2.json is still there").isEqualTo(1);
        assertThat(refused.err()).contains("keep2.json: already exists");
        assertThat(dir.resolve("keep2.csv")).as("nothing written when the provenance exists").doesNotExist();
    }

    @Test
    void selectToParquetWritesAFolder() {
        Path out = dir.resolve("keep.parquet");
        Run r = run("select", "--parquet", parquet.toString(), "--score", "aum", "--missing", "hardest", "--keep-count", "40",
                "--strategy", "stratified", "--bins", "5", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(SharedSpark.get().read().parquet(out.toString()).count()).isEqualTo(40);
        assertThat(dir.resolve("keep.parquet.json")).isRegularFile();
    }

    @Test
    void explainAndTheClosingLineGoToTheCommandsStderr() {
        Path out = dir.resolve("explained.csv");
        Run r = run("select", "--parquet", parquet.toString(), "--score", "aum", "--missing", "hardest", "--keep-count", "10",
                "--strategy", "hard", "--explain", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("== score aum ==", "== rank by ", "== select hard ==")
                .contains("select: wrote " + out + " (aum, hard) in ");
    }

    @Test
    void usageErrorsExitWithTwo() {
        Run unknown = run("score", "--parquet", parquet.toString(), "--score", "vog", "--out", "x.csv");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("score 'vog' is not computed on Spark");
        Run both = run("select", "--parquet", parquet.toString(), "--score", "aum", "--keep", "0.5",
                "--keep-count", "3", "--strategy", "hard", "--out", "x.csv");
        assertThat(both.code()).isEqualTo(2);
        Run strategy = run("select", "--parquet", parquet.toString(), "--score", "aum", "--keep", "0.5",
                "--strategy", "moderato", "--out", "x.csv");
        assertThat(strategy.code()).isEqualTo(2);
        assertThat(strategy.err()).contains("strategy 'moderato'");
        // the same lines as 'winnow select' (one error handler for both programs)
        assertThat(strategy.err().lines().toList()).containsExactly(
                "winnow: unknown strategy 'moderato' (choose one of hard, easy, window, random, stratified, calibrated, "
                        + "moderate, kcenter, d2)",
                "(see 'winnow spark select --help')");
        // the feature strategies are known, but Spark reads no features
        Run features = run("select", "--parquet", parquet.toString(), "--score", "aum", "--keep", "0.5",
                "--strategy", "moderate", "--out", "x.csv");
        assertThat(features.code()).isEqualTo(2);
        assertThat(features.err().lines().toList()).containsExactly(
                "winnow: --strategy moderate selects on features, which winnow spark select does not read (use "
                        + "winnow select --dynamics DIR)",
                "(see 'winnow spark select --help')");
    }
}
