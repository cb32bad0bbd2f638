package dev.winnow.cli;

import dev.winnow.io.ScoreTable;
import dev.winnow.npy.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code winnow import --signal} and {@code --table}, then {@code winnow score}: exit codes, one-line errors. */
class ImportSignalsCommandTest {
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

    private void assertOneLineError(String containing) {
        assertThat(err.lines().toList()).as(err).hasSize(1);
        assertThat(err).startsWith("winnow: ").contains(containing).doesNotContain("Exception");
    }

    private boolean debris() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(".store"));
        }
    }

    @Test
    void signalMatrixThenCatScore() throws IOException {
        Path loss = dir.resolve("loss.npy");
        NpyWriter.write(loss, new float[] {0, 1, 2, 0, 1, 4}, 2, 3);
        Path store = dir.resolve("store");
        assertThat(run("import", "--signal", "loss=" + loss, "--observations", "checkpoint", "--out", store.toString()))
                .as(err).isZero();
        assertThat(out).contains("2 observations of 3 examples, 1 classes; signals loss");
        Path csv = dir.resolve("cat.csv");
        assertThat(run("score", "--dynamics", store.toString(), "--score", "cat@2", "--out", csv.toString())).as(err).isZero();
        // population variance of (e^a, e^b) = ((e^a − e^b) / 2)²
        float[] s = ScoreTable.read(csv).scores();
        assertThat(s[0]).isZero();
        assertThat(s[1]).isZero();
        assertThat(s[2]).isCloseTo((float) Math.pow((Math.exp(4) - Math.exp(2)) / 2, 2), org.assertj.core.data.Offset.offset(1e-3f));
        // a score needing a signal the store lacks: one line naming it
        assertThat(run("score", "--dynamics", store.toString(), "--score", "el2n@1", "--out", csv.toString() + "2"))
                .isEqualTo(1);
        assertOneLineError("el2n");
    }

    @Test
    void tableThenLossScore() throws IOException {
        Path table = dir.resolve("mt.csv");
        Files.writeString(table, "id,epoch,kind,loss\n7,1,checkpoint,2.5\n3,1,checkpoint,0.5\n");
        Path store = dir.resolve("store");
        assertThat(run("import", "--table", table.toString(), "--out", store.toString())).as(err).isZero();
        Path csv = dir.resolve("loss.csv");
        assertThat(run("score", "--dynamics", store.toString(), "--score", "loss@1", "--out", csv.toString())).as(err).isZero();
        ScoreTable t = ScoreTable.read(csv);
        assertThat(t.ids()).containsExactly(3L, 7L);
        assertThat(t.scores()).containsExactly(0.5f, 2.5f);
    }

    @Test
    void badInputIsOneLineAndExitOneOrUsageAndExitTwo() throws IOException {
        Path store = dir.resolve("store");
        Path loss = dir.resolve("loss.npy");
        NpyWriter.write(loss, new float[] {0, 1, 2, 0, 1, 4}, 2, 3);
        Path labels = dir.resolve("y.npy");
        NpyWriter.write(labels, new int[] {0, 1});
        assertThat(run("import", "--signal", "loss=" + loss, "--labels", labels.toString(), "--out", store.toString()))
                .isEqualTo(1);
        assertOneLineError(loss + ": has 3 examples (columns) but y.npy has 2 labels");

        Path table = dir.resolve("t.csv");
        Files.writeString(table, "id,kind,loss\n1,checkpoint,2\n");
        assertThat(run("import", "--table", table.toString(), "--out", store.toString())).isEqualTo(1);
        assertOneLineError(table + ": no column 'epoch'");
        Files.writeString(table, "id,epoch,kind,loss\n1,1,later,2\n");
        assertThat(run("import", "--table", table.toString(), "--out", store.toString())).isEqualTo(1);
        assertOneLineError(table + ":2: unknown kind 'later'");
        assertThat(store).doesNotExist();
        assertThat(debris()).isFalse();

        assertThat(run("import", "--out", store.toString())).isEqualTo(2);
        assertThat(err).contains("exactly one of --logits, --signal");
        assertThat(run("import", "--signal", "loss=" + loss, "--table", table.toString(), "--out", store.toString()))
                .isEqualTo(2);
        assertThat(run("import", "--table", table.toString(), "--kind", "presentation", "--out", store.toString()))
                .isEqualTo(2);
        assertThat(err).contains("drop --kind");
        assertThat(run("import", "--signal", "loss=" + loss, "--observations", "checkpoint", "--kind", "presentation",
                "--out", store.toString())).isEqualTo(2);
        assertThat(err).contains("disagree");
        assertThat(run("import", "--signal", "loss", "--out", store.toString())).isEqualTo(2);
        assertThat(err).contains("expected NAME=FILE.npy");
        assertThat(store).doesNotExist();
    }
}
