package dev.winnow.cli;

import dev.winnow.io.ScoreTable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code python/winnow_torch.py} against the Java side, with the system's Python and Debian's python3-torch
 * (skipped, saying so, where torch is not importable): its unit tests, and a two-epoch run whose store
 * {@code winnow score} reads with the same scores as {@code winnow import} of the same logits.
 */
class WinnowTorchTest {
    private static final Path PYTHON_DIR = Path.of("..", "python").toAbsolutePath().normalize();
    private static String python;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTorch() throws IOException, InterruptedException {
        python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Result r = run(List.of(python, "-c", "import numpy, torch"), Path.of("."));
        Assumptions.assumeTrue(r.code == 0, "skipped: " + python + " cannot import numpy and torch "
                + "(install Debian's python3-numpy and python3-torch): " + r.output.strip());
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> cmd, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", PYTHON_DIR.toString());
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private String cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = WinnowCli.execute(new PrintWriter(o), new PrintWriter(e), args);
        assertThat(code).as(String.join(" ", args) + "\n" + e).isZero();
        return o.toString();
    }

    private float[] score(Path store, String score) {
        Path csv = dir.resolve(store.getFileName() + "-" + score.replace('@', '_') + ".csv");
        cli("score", "--dynamics", store.toString(), "--score", score, "--out", csv.toString(), "--force");
        return ScoreTable.read(csv).scores();
    }

    @Test
    void pythonUnitTestsPass() throws Exception {
        Result r = run(List.of(python, "-m", "unittest", "-q", "test_winnow_torch"), PYTHON_DIR);
        assertThat(r.code).as(r.output).isZero();
        assertThat(r.output).contains("OK");
    }

    @Test
    void twoEpochRecordScoresAsTheImportOfTheSameLogits() throws Exception {
        Path script;
        try {
            script = Path.of(WinnowTorchTest.class.getResource("/torch/two_epochs.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Result r = run(List.of(python, script.toString(), dir.toString()), dir);
        assertThat(r.code).as(r.output).isZero();
        Path recorded = dir.resolve("store");
        assertThat(r.output.strip().lines().reduce((a, b) -> b).orElse("")).isEqualTo(recorded.toString());

        Path imported = dir.resolve("imported");
        cli("import", "--logits", dir.resolve("logits.npy").toString(), "--labels", dir.resolve("labels.npy").toString(),
                "--features", dir.resolve("features.npy").toString(),
                "--observations", dir.resolve("obs.json").toString(), "--out", imported.toString());
        List<String> scores = new ArrayList<>(List.of("forgetting", "aum", "el2n@1", "el2n@2", "grand@2", "loss@1",
                "entropy@2", "margin@2", "least_confidence@2"));
        for (String s : scores) {
            float[] a = score(recorded, s);
            float[] b = score(imported, s);
            assertThat(a).as(s).hasSize(96);
            for (int i = 0; i < a.length; i++) {
                // same float32 logits, same formulas in double; only the last bits of exp/log may differ
                assertThat(a[i]).as(s + " of example " + i).isCloseTo(b[i], within(2e-5f * Math.max(1f, Math.abs(b[i]))));
            }
        }
        // forgetting counts transitions of `correct`, exactly; epoch 2 presented only the even positions
        assertThat(score(recorded, "forgetting")).containsExactly(score(imported, "forgetting"));
    }
}
