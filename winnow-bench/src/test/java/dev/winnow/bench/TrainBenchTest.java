package dev.winnow.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The training benchmark on a tiny CSV dataset: the report's rows and progress lines, not the timings. */
class TrainBenchTest {
    private static void csv(Path file, int n, Random r) throws IOException {
        StringBuilder sb = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < n; i++) {
            int y = r.nextInt(2);
            sb.append(y * 3 + r.nextGaussian()).append(',').append(r.nextGaussian()).append(',').append(y).append('\n');
        }
        Files.writeString(file, sb);
    }

    @Test
    void reportHasARowPerModelAndTheRecorderOverhead(@TempDir Path tmp) throws IOException {
        Random r = new Random(3);
        csv(tmp.resolve("train.csv"), 64, r);
        csv(tmp.resolve("test.csv"), 32, r);
        String data = "csv:" + tmp.resolve("train.csv") + ",test=" + tmp.resolve("test.csv");
        StringWriter log = new StringWriter();
        String md = TrainBench.run(new TrainBench.Options(data, 2, 1, null, List.of("logreg", "mlp")),
                new PrintWriter(log, true));
        assertThat(md).startsWith("## winnow bench train");
        assertThat(md).contains("| model | epoch s | examples/s | test accuracy after 2 epochs |");
        assertThat(md.lines().filter(l -> l.startsWith("| logreg") || l.startsWith("| mlp"))).hasSize(2);
        // reps 1: one run of max(4, 2 * 1 + 1) = 4 epochs, recording in odd epochs
        assertThat(md).contains("one run of 4 epochs with recording on in odd epochs").contains("(goal ≤ 1.05)")
                .contains("One checkpoint pass (eval-mode forward over the 64 training examples");
        assertThat(log.toString().lines().toList()).containsExactly("bench: logreg, 2 epochs…", "bench: mlp, 2 epochs…",
                "bench: recorder overhead, mlp, 4 epochs alternating recording on/off…", "bench: one checkpoint pass…");
    }
}
