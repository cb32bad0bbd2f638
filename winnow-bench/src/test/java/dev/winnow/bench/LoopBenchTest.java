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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The side-by-side benchmark on a tiny CSV dataset: its rows, ratios and skip lines, not the timings. */
class LoopBenchTest {
    private static String csvData(Path tmp) throws IOException {
        Random r = new Random(5);
        for (String name : List.of("train.csv", "test.csv")) {
            StringBuilder sb = new StringBuilder("x1,x2,label\n");
            for (int i = 0; i < 300; i++) {
                int y = r.nextInt(2);
                sb.append(y * 3 + r.nextGaussian()).append(',').append(r.nextGaussian()).append(',').append(y).append('\n');
            }
            Files.writeString(tmp.resolve(name), sb);
        }
        return "csv:" + tmp.resolve("train.csv") + ",test=" + tmp.resolve("test.csv");
    }

    @Test
    void everyPartReportsItsRatioAndThePyTorchLoopIsSkippedWithOneLine(@TempDir Path tmp) throws IOException {
        StringWriter log = new StringWriter();
        String md = LoopBench.run(new LoopBench.Options(csvData(tmp), 2, 2, null, List.of("mlp"), 1,
                Set.of("loop", "threads", "uniform"), "/usr/bin/python3", Path.of("scripts/bench/torch_loop.py")),
                new PrintWriter(log, true));
        assertThat(md).startsWith("## winnow bench train: the loop side by side");
        assertThat(md.lines().filter(l -> l.startsWith("| mlp | "))).singleElement().satisfies(l ->
                assertThat(l).matches("\\| mlp \\| [0-9.]+ s \\| [0-9.]+ s \\| – \\| [0-9.]+× \\([0-9.]+–[0-9.]+\\) \\| – \\|"
                        + " ([0-9.]+× \\([0-9.]+–[0-9.]+\\)|–) \\| – \\| ≤ 1\\.10 \\|")); // CPU: – when too short to tick
        assertThat(md).contains("Plain PyTorch loop (mlp) skipped: the plain PyTorch loop reads Fashion-MNIST / idx:DIR data only.");
        assertThat(md).containsPattern("mlp epoch with recording \\(wall clock\\), 1 thread [0-9.]+ s, 2 threads [0-9.]+ s: speed-up \\*\\*[0-9.]+×");
        assertThat(md).containsPattern("uniform:0\\.3 [0-9.]+ s vs full [0-9.]+ s: \\*\\*[0-9.]+× \\([0-9.]+–[0-9.]+\\)\\*\\* of a full epoch \\(CPU: ([0-9.]+×|–)");
        assertThat(md).containsPattern("Load average \\(1 min\\): [0-9.]+ at the start");
        assertThat(log.toString().lines()).contains("bench: mlp round 1/2: winnow train…", "bench: mlp round 2/2: plain DJL loop…",
                "bench: mlp round 2/2: 2 thread(s)…", "bench: mlp round 2/2: full and uniform:0.3 epochs…");
    }

    @Test
    void aMissingPythonIsOneSkipLine() {
        TorchLoop.Result r = TorchLoop.run("/nonexistent/python3", Path.of("pom.xml"), "mlp", 1, 1, "/tmp", null);
        assertThat(r.ran()).isFalse();
        assertThat(r.skipped()).isEqualTo("/nonexistent/python3 is not installed");
        assertThat(TorchLoop.run("/usr/bin/python3", Path.of("no/such/script.py"), "mlp", 1, 1, "/tmp", null).skipped())
                .isEqualTo("no/such/script.py not found");
    }
}
