package dev.winnow.cli;

import dev.winnow.dynamics.DynamicsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WinnowCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    static Path csv(Path dir) throws Exception {
        Random r = new Random(1);
        StringBuilder b = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 120; i++) {
            int y = i % 2;
            b.append(r.nextGaussian() + 3 * y).append(',').append(r.nextGaussian() - 2 * y).append(',').append(y == 1 ? "yes" : "no").append('\n');
        }
        Path f = dir.resolve("train.csv");
        Files.writeString(f, b);
        return f;
    }

    @Test
    void trainsRecordsAndRefusesToOverwrite(@TempDir Path tmp) throws Exception {
        Path data = csv(tmp);
        Path out = tmp.resolve("run");
        String[] args = {"train", "--data", "csv:" + data + ",test=" + data, "--model", "mlp", "--hidden", "8", "--epochs", "3",
            "--checkpoints", "1,3", "--vog", "--record-logits", "--runs", "2", "--quiet", "--out", out.toString()};
        Result r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 run(s) of mlp 2-8-2");
        assertThat(r.err()).doesNotContain("epoch"); // --quiet
        DynamicsStore s = DynamicsStore.open(out.resolve("dynamics"));
        assertThat(s.examples()).isEqualTo(120);
        assertThat(s.runs()).isEqualTo(2);
        assertThat(s.observations()).hasSize(2 * (3 + 2));
        assertThat(s.vog()).isPresent();
        assertThat(s.logits()).isPresent();
        assertThat(s.manifest().provenance()).containsKeys("dataset", "model", "seeds", "config");
        assertThat(Files.readString(out.resolve("metrics.json"))).contains("\"test_accuracy\"");
        Result again = run(args);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exists (use --force");
        String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        assertThat(run(forced).code()).isZero();
    }

    @Test
    void usageErrorsExitTwoDataErrorsExitOne(@TempDir Path tmp) throws Exception {
        Path data = csv(tmp);
        Result bad = run("train", "--data", "csv:" + data, "--model", "vit", "--out", tmp.resolve("o").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("not in the zoo");
        Result vog = run("train", "--data", "csv:" + data, "--model", "mlp", "--vog", "--out", tmp.resolve("o").toString());
        assertThat(vog.code()).isEqualTo(2);
        assertThat(vog.err()).contains("--vog needs at least two --checkpoints");
        Result missing = run("train", "--data", "csv:" + tmp.resolve("nope.csv"), "--model", "mlp", "--out", tmp.resolve("o").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.csv: no such file").doesNotContain("Exception");
        Result cnn = run("train", "--data", "csv:" + data, "--model", "cnn", "--out", tmp.resolve("o").toString());
        assertThat(cnn.code()).isEqualTo(1);
        assertThat(cnn.err()).contains("needs images");
    }

    @Test
    void helpTeaches() {
        Result r = run("train", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("presentation", "checkpoint", "fashion-mnist", "csv:TRAIN.csv", "text:TRAIN.tsv", "--vog");
    }

    @Test
    void dynamicPolicyTrainsOnItsBudgetAndRecordsIt(@TempDir Path tmp) throws Exception {
        Path data = csv(tmp);
        Path out = tmp.resolve("dyn");
        Result r = run("train", "--data", "csv:" + data + ",test=" + data, "--model", "mlp", "--hidden", "8", "--epochs", "3",
                "--dynamic", "uniform:0.25", "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("dynamic uniform:0.25");
        var m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(m.get("policy").asText()).isEqualTo("uniform:0.25");
        assertThat(m.get("examples_backward").toString()).isEqualTo("[30,30,30]");
        assertThat(m.get("examples_forward_only").toString()).isEqualTo("[0,0,0]");
        DynamicsStore s = DynamicsStore.open(out.resolve("dynamics"));
        assertThat(s.manifest().provenance()).containsEntry("policy", "uniform:0.25");
        var loss = s.signal("loss", 0); // presentation row of epoch 1: NaN for the 90 examples not trained
        int nan = 0;
        for (int i = 0; i < 120; i++) {
            nan += Float.isNaN(loss.get(i)) ? 1 : 0;
        }
        assertThat(nan).isEqualTo(90);
    }

    @Test
    void keepListTrainsOnlyItsIdsWithTheirWeights(@TempDir Path tmp) throws Exception {
        Path data = csv(tmp);
        Path keep = tmp.resolve("keep.csv");
        Files.writeString(keep, "id,weight\n0,1\n5,2\n9,1\n40,0.5\n");
        Path out = tmp.resolve("k");
        Result r = run("train", "--data", "csv:" + data + ",test=" + data, "--model", "mlp", "--hidden", "8", "--epochs", "2",
                "--keep-list", keep.toString(), "--no-record", "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        var m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(m.get("examples_backward").toString()).isEqualTo("[4,4]");
        assertThat(m.get("policy").asText()).startsWith("keep-list keep.csv (4 of 120)");
        Files.writeString(keep, "id,weight\n0,1\n500,1\n");
        Result unknown = run("train", "--data", "csv:" + data, "--model", "mlp", "--keep-list", keep.toString(),
                "--no-record", "--quiet", "--out", tmp.resolve("k2").toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("example id 500 is not in the training set");
    }

    @Test
    void aBadPolicyIsAOneLineUsageError(@TempDir Path tmp) throws Exception {
        Path data = csv(tmp);
        // (ucb:0.3 was refused here before C had a default; now it means ucb:0.3,1.0)
        for (String bad : new String[] {"uniform:1.5", "ucb:0.3,1,2", "nope", "infobatch:0.5,0.5,1", "eps-greedy:0.3,x"}) {
            Result r = run("train", "--data", "csv:" + data, "--model", "mlp", "--dynamic", bad, "--out", tmp.resolve("o").toString());
            assertThat(r.code()).as(bad).isEqualTo(2);
            String first = r.err().lines().findFirst().orElse("");
            assertThat(first).as(bad).startsWith("winnow: --dynamic: bad dynamic policy '" + bad + "'").contains("valid forms");
            assertThat(r.err().lines().count()).as(bad).isLessThanOrEqualTo(2); // the line and the '--help' hint
            assertThat(r.err()).doesNotContain("Exception");
        }
        assertThat(Files.exists(tmp.resolve("o"))).isFalse();
        Result keepWord = run("train", "--data", "csv:" + data, "--model", "mlp", "--dynamic", "uniform:keep", "--out",
                tmp.resolve("o").toString());
        assertThat(keepWord.code()).isEqualTo(2);
        assertThat(keepWord.err()).startsWith("winnow: --dynamic: bad dynamic policy 'uniform:keep': F is 'keep'");
        Path keep = tmp.resolve("keep.csv");
        Files.writeString(keep, "id,weight\n1,1\n");
        Result both = run("train", "--data", "csv:" + data, "--model", "mlp", "--dynamic", "uniform:0.5", "--keep-list",
                keep.toString(), "--out", tmp.resolve("o").toString());
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("exclude each other");
    }

    @Test
    void helpExplainsEachPolicyWithItsPaper() {
        String help = run("train", "--help").out();
        // the policy lines come from the catalogue: EPS and C are optional there (defaults listed)
        assertThat(help).contains("--dynamic", "uniform:F", "eps-greedy:F[,EPS]", "ucb:F[,C]", "infobatch:R[,DELTA]",
                "EPS: share of the budget explored at random",
                "Raju et al. 2021", "Qin et al. 2024", "InfoBatch", "--keep-list", "examples_forward_only");
    }
}
