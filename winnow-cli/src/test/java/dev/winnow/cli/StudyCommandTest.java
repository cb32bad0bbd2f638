package dev.winnow.cli;

import dev.winnow.study.Report;
import dev.winnow.study.ResultsLog;
import dev.winnow.study.SoftmaxWorld;
import dev.winnow.study.StudyResults;
import dev.winnow.study.StudySpec;
import dev.winnow.study.report.Verdicts;
import dev.winnow.study.results.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        assertThat(r.out()).contains("random", "el2n@1:hard", "keep 0.2", "full", "full:shorter", "report: ");
        // per seed: full, 2 methods × 2 kept fractions, full:shorter at each of the 2
        assertThat(r.err()).contains("[14/14]").contains("ETA");
        assertThat(Files.readAllLines(dir.resolve("results.jsonl"))).hasSize(14);
        // the last lines say whether pruning paid
        List<String> verdict = Verdicts.summaryLines(StudyResults.read(dir));
        assertThat(verdict.get(0)).startsWith("Did pruning pay? ");
        List<String> out = r.out().strip().lines().toList();
        assertThat(out.subList(out.size() - verdict.size(), out.size())).isEqualTo(verdict);
        assertThat(dir.resolve("report.html")).isRegularFile();

        Run again = winnow(with("--out", dir.toString()));
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo("winnow: " + dir + ": already exists (use --resume to continue that study, or --force to start it over)");

        Run resumed = winnow("study", "--out", dir.toString(), "--resume");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("0 runs done, 14 already finished");

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
    void aCheaperProxyAndSparserCurvesFromTheFlags(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("s");
        Run r = winnow(with("--proxy-limit", "0.5", "--eval-every", "2", "--out", dir.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("training 1 proxy run(s) of softmax for 2 epoch(s) on 150 of 300 examples");
        StudySpec stored = StudySpec.read(dir.resolve("study.json"));
        assertThat(stored.proxyLimit()).isEqualTo(0.5);
        assertThat(stored.evalEvery()).isEqualTo(2);
        RunRecord hard = ResultsLog.open(dir.resolve("results.jsonl")).runs().stream()
                .filter(l -> l.method().equals("el2n@1:hard")).findFirst().orElseThrow();
        assertThat(hard.provenance().proxyLimit()).isEqualTo(0.5);
        // 3 epochs evaluated every 2nd and at the last: after epochs 2 and 3
        assertThat(hard.curvePoints()).extracting(RunRecord.CurvePoint::epoch).containsExactly(2, 3);
        // 150 of 300 trained for 2 epochs
        assertThat(hard.counts().proxy().backward()).isEqualTo(2 * 150);
    }

    @Test
    void badProxySettingsAreOneLineExitTwoAndWriteNothing(@TempDir Path tmp) {
        Path dir = tmp.resolve("s");
        Run zero = winnow(with("--proxy-limit", "0", "--out", dir.toString()));
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).startsWith("winnow: proxy-limit: the fraction of training examples the proxy trains on, in (0, 1], got 0.0\n");
        Run over = winnow(with("--proxy-limit", "1.5", "--out", dir.toString()));
        assertThat(over.code()).isEqualTo(2);
        assertThat(over.err()).startsWith("winnow: proxy-limit: ").contains("got 1.5");
        Run model = winnow(with("--proxy-model", "nosuch", "--out", dir.toString()));
        assertThat(model.code()).isEqualTo(2);
        assertThat(model.err()).startsWith("winnow: proxy-model: 'nosuch' is not a model of the synthetic engine (softmax)\n");
        Run hidden = winnow(with("--proxy-hidden", "64,wide", "--out", dir.toString()));
        assertThat(hidden.code()).isEqualTo(2);
        assertThat(hidden.err()).contains("--proxy-hidden");
        Run presentations = winnow("study", "--data", "synthetic", "--model", "softmax", "--proxy-limit", "0.5",
                "--methods", "forgetting:hard", "--out", dir.toString());
        assertThat(presentations.code()).isEqualTo(2);
        assertThat(presentations.err()).startsWith("winnow: proxy-limit 0.5: method 'forgetting:hard' reads 'forgetting' from training presentations");
        for (Run r : List.of(zero, over, model, hidden, presentations)) {
            assertThat(r.err().lines().filter(l -> l.startsWith("winnow: ")).count()).as(r.err()).isEqualTo(1);
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void theRealEnginesCheckRefusesAProxyThatCannotReadTheDataBeforeLoadingIt(@TempDir Path tmp) {
        Path dir = tmp.resolve("s");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the DJL engine: its check needs no data (Fashion-MNIST need not be installed for this)
        int code = WinnowCli.execute(new PrintWriter(out), new PrintWriter(err), "study", "--data", "fashion-mnist",
                "--proxy-model", "textbag", "--methods", "el2n@1:hard", "--out", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith(
                "winnow: proxy-model: textbag reads text (text:…), but fashion-mnist is images\n");
        err.getBuffer().setLength(0);
        code = WinnowCli.execute(new PrintWriter(out), new PrintWriter(err), "study", "--data", "fashion-mnist",
                "--proxy-model", "transformer", "--out", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("winnow: proxy-model: 'transformer' is not a model of the zoo (logreg, mlp, ");
        assertThat(dir).doesNotExist();
    }

    @Test
    void demoSettingsAreAValidStudy() {
        dev.winnow.study.StudySpec s = dev.winnow.study.StudySpec.fromTree(DemoCommand.settings());
        assertThat(s.methods()).hasSize(5);
        assertThat(s.keep()).containsExactly(0.1, 0.3, 0.5, 0.7);
        assertThat(s.seeds()).hasSize(2);
        // per seed: full, 5 methods × 4 kept fractions, full:shorter at each of the 4
        assertThat(s.totalRuns()).isEqualTo(2 * (1 + 5 * 4 + 4));
    }
}
