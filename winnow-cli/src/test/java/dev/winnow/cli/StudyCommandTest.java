package dev.winnow.cli;

import dev.winnow.study.Report;
import dev.winnow.study.SoftmaxWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The study, report and demo commands end to end on the synthetic test engine ({@link SoftmaxWorld#syntheticEngine()}). */
class StudyCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run winnow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WinnowCli.execute(new PrintWriter(out), new PrintWriter(err), SoftmaxWorld.syntheticEngine(), args);
        return new Run(code, out.toString(), err.toString());
    }

    static final String[] FLAGS = {"study", "--data", "synthetic", "--model", "softmax", "--optimizer", "sgd", "--lr", "0.5",
        "--batch-size", "32", "--epochs", "3", "--proxy-epochs", "2", "--methods", "random,el2n@1:hard",
        "--keep", "0.2,0.6", "--seeds", "0,1"};

    static String[] with(String... more) {
        String[] a = java.util.Arrays.copyOf(FLAGS, FLAGS.length + more.length);
        System.arraycopy(more, 0, a, FLAGS.length, more.length);
        return a;
    }

    @Test
    void studyRunsResumesAndRefusesToOverwrite(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("s");
        Run r = winnow(with("--out", dir.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("random", "el2n@1:hard", "keep 0.2", "full", "report: ");
        assertThat(r.err()).contains("[10/10]").contains("ETA");
        assertThat(Files.readAllLines(dir.resolve("results.jsonl"))).hasSize(10);
        assertThat(dir.resolve("report.html")).isRegularFile();

        Run again = winnow(with("--out", dir.toString()));
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo("winnow: " + dir + ": already exists (use --resume to continue that study, or --force to start it over)");

        Run resumed = winnow("study", "--out", dir.toString(), "--resume");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("0 runs done, 10 already finished");

        Run changed = winnow(with("--out", dir.toString(), "--resume", "--limit", "100"));
        assertThat(changed.code()).isEqualTo(1);
        assertThat(changed.err()).contains("--resume with a different limit (the study has 0, now 100)");

        Files.delete(dir.resolve("report.html"));
        Run rep = winnow("report", dir.toString());
        assertThat(rep.code()).isZero();
        assertThat(rep.out()).contains("report.html");
        assertThat(dir.resolve("report.html")).isRegularFile();
        assertThat(dir.resolve(Report.FILES).resolve("accuracy.png")).isRegularFile();
    }

    @Test
    void leftOutParametersTakeTheirDefaultsAsInWinnowSelect(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("s");
        Run r = winnow("study", "--data", "synthetic", "--model", "softmax", "--optimizer", "sgd", "--lr", "0.5",
                "--batch-size", "32", "--epochs", "2", "--proxy-epochs", "2", "--methods", "el2n@1:calibrated,dynamic:ucb:keep",
                "--keep", "0.5", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("el2n@1:calibrated", "dynamic:ucb:keep");
        String results = Files.readString(dir.resolve("results.jsonl"));
        // alpha 0.5: half the budget hardest, the other half random and weighted; ucb's C from the catalogue
        assertThat(results).contains("\"method\":\"el2n@1:calibrated\"").contains("\"weighted\":true")
                .contains("\"policy\":\"ucb:0.5,1.0\"");
    }

    @Test
    void specFilePlusFlags(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("study.yaml");
        Files.writeString(spec, "data: synthetic\nmodel: softmax\noptimizer: sgd\nlr: 0.5\nepochs: 2\nproxy-epochs: 2\n"
                + "methods: [el2n@1:hard]\nkeep: [0.5]\nseeds: [0]\n");
        Path dir = tmp.resolve("s");
        Run r = winnow("study", "--spec", spec.toString(), "--keep", "0.3", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("results.jsonl"))).contains("\"keep\":0.3").doesNotContain("\"keep\":0.5");
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo(@TempDir Path tmp) {
        Run r = winnow("study", "--data", "synthetic", "--keep", "0.3,1.5", "--out", tmp.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("winnow: keep: each fraction must be in (0, 1)");
        Run m = winnow("study", "--data", "synthetic", "--methods", "el2n@2:hardest", "--out", tmp.resolve("x").toString());
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).contains("unknown strategy 'hardest'");
        Run noOut = winnow("study", "--data", "synthetic");
        assertThat(noOut.code()).isEqualTo(2);
        assertThat(noOut.err()).contains("--out");
        Run both = winnow("study", "--data", "synthetic", "--resume", "--force", "--out", tmp.toString());
        assertThat(both.code()).isEqualTo(2);
        Run missing = winnow("report", tmp.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("winnow: " + tmp.resolve("nope") + ": no such study folder");
    }

    @Test
    void demoSettingsAreAValidStudy() {
        dev.winnow.study.StudySpec s = dev.winnow.study.StudySpec.fromTree(DemoCommand.settings());
        assertThat(s.methods()).hasSize(5);
        assertThat(s.keep()).containsExactly(0.1, 0.3, 0.5, 0.7);
        assertThat(s.seeds()).hasSize(2);
        assertThat(s.totalRuns()).isEqualTo(2 * (1 + 5 * 4));
    }
}
