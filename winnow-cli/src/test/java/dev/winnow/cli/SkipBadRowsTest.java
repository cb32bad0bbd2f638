package dev.winnow.cli;

import dev.winnow.dynamics.DynamicsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad row stops {@code winnow train} at its line; {@code --skip-bad-rows} skips it, says so, and records it. */
class SkipBadRowsTest {
    @Test
    void aBadRowStopsTheRunOrIsSkippedCountedAndRecorded(@TempDir Path tmp) throws Exception {
        Random r = new Random(2);
        StringBuilder b = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 60; i++) {
            b.append(i == 7 ? "n/a" : Double.toString(r.nextGaussian() + i % 2)).append(',')
                    .append(r.nextGaussian()).append(',').append(i % 2).append('\n');
        }
        Path data = Files.writeString(tmp.resolve("d.csv"), b);
        String[] args = {"train", "--data", "csv:" + data, "--model", "logreg", "--epochs", "1", "--quiet",
            "--out", tmp.resolve("run").toString()};
        TrainCommandTest.Result stopped = TrainCommandTest.run(args);
        assertThat(stopped.code()).isEqualTo(1);
        // the header is line 1, so the 8th data row (i = 7) is line 9
        assertThat(stopped.err()).contains("winnow: " + data + ":9: column 'a' has 'n/a', not a number");
        assertThat(tmp.resolve("run")).doesNotExist();

        String[] skipping = java.util.Arrays.copyOf(args, args.length + 1);
        skipping[args.length] = "--skip-bad-rows";
        java.io.PrintStream was = System.err;
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        TrainCommandTest.Result ok;
        System.setErr(new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            ok = TrainCommandTest.run(skipping);
        } finally {
            System.setErr(was);
        }
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(said.toString(java.nio.charset.StandardCharsets.UTF_8)).contains(data + ": skipped 1 bad row (line 9; the first: 9: column 'a' has 'n/a'")
                .contains("data csv:d.csv: 59 train rows, 0 test rows read");
        DynamicsStore s = DynamicsStore.open(tmp.resolve("run/dynamics"));
        assertThat(s.examples()).isEqualTo(59);
        assertThat(s.manifest().provenance().get("dataset").toString()).endsWith(",skip-bad-rows=yes");
        assertThat(s.manifest().provenance().get("dataset_description").toString()).contains("skipped 1 bad row (line 9");
    }
}
