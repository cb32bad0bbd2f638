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
}
