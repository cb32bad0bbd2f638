package dev.winnow.cli;

import dev.winnow.io.ScoreTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static dev.winnow.cli.TrainCommandTest.csv;
import static dev.winnow.cli.TrainCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class PruneCommandTest {
    @Test
    void trainsScoresAndKeepsTheHardestHalf(@TempDir Path tmp) throws Exception {
        Path data = csv(tmp);
        Path out = tmp.resolve("pruned");
        TrainCommandTest.Result r = run("prune", "--data", "csv:" + data, "--model", "logreg", "--proxy-epochs", "2",
                "--score", "el2n@2", "--keep", "0.5", "--strategy", "hard", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // the proxy's progress goes to the command's own stderr
        assertThat(r.err()).contains("train: ").contains("epoch 2/2  loss ");
        assertThat(out.resolve("dynamics/manifest.json")).exists();
        assertThat(out.resolve("metrics.json")).exists();
        assertThat(out.resolve("keep.json")).exists();

        ScoreTable scores = ScoreTable.read(out.resolve("scores.csv"));
        assertThat(scores.size()).isEqualTo(120);
        // 'hard' keeps the 60 highest el2n scores; the ids of the keep-list are exactly those
        Integer[] order = IntStream.range(0, 120).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> -scores.scores()[i]));
        float cut = scores.scores()[order[59]];
        long[] surelyKept = IntStream.range(0, 120).filter(i -> scores.scores()[i] > cut)
                .mapToLong(i -> scores.ids()[i]).toArray();
        List<String> keep = Files.readAllLines(out.resolve("keep.csv"));
        assertThat(keep.get(0)).isEqualTo("id,weight");
        assertThat(keep).hasSize(61);
        List<Long> keptIds = keep.subList(1, keep.size()).stream().map(l -> Long.parseLong(l.split(",")[0])).toList();
        assertThat(keptIds).doesNotHaveDuplicates().isSorted();
        for (long id : surelyKept) {
            assertThat(keptIds).contains(id);
        }

        TrainCommandTest.Result again = run("prune", "--data", "csv:" + data, "--model", "logreg", "--score", "el2n@2",
                "--keep", "0.5", "--strategy", "hard", "--out", out.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void badScoreOrBudgetIsAUsageError(@TempDir Path tmp) throws Exception {
        Path data = csv(tmp);
        assertThat(run("prune", "--data", "csv:" + data, "--model", "logreg", "--score", "nope", "--keep", "0.5",
                "--strategy", "hard", "--out", tmp.resolve("o").toString()).code()).isEqualTo(2);
        assertThat(run("prune", "--data", "csv:" + data, "--model", "logreg", "--score", "el2n@2", "--keep", "1.5",
                "--strategy", "hard", "--out", tmp.resolve("o").toString()).code()).isEqualTo(2);
        assertThat(tmp.resolve("o")).doesNotExist();
    }
}
