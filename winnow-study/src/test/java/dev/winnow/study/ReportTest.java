package dev.winnow.study;

import dev.winnow.study.report.NoiseDetection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

public class ReportTest {
    /**
     * Every src/href of the page names a file that exists under the study folder; nothing points outside.
     * (Public for the command line's tests of the real engine.)
     */
    public static void assertSelfContained(Path dir, String html) {
        assertThat(html).doesNotContainIgnoringCase("http:").doesNotContainIgnoringCase("https:")
                .doesNotContain("src=\"//").doesNotContain("<script").doesNotContain("@import");
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        List<String> refs = new ArrayList<>();
        while (m.find()) {
            refs.add(m.group(1));
        }
        assertThat(refs).isNotEmpty();
        for (String r : refs) {
            assertThat(r).doesNotStartWith("/").doesNotContain("..");
            assertThat(dir.resolve(r)).as(r).isRegularFile();
            assertThat(dir.resolve(r).toFile().length()).as(r).isGreaterThan(200);
        }
    }

    @Test
    void reportFromAHandWrittenResultsFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("study.json"), StudyRunnerTest.spec("random,el2n@2:hard", "0.3", "0,1", "epochs", 0).toJson());
        StringBuilder sb = new StringBuilder();
        // full 0.90/0.92, random at 30% 0.85/0.87, el2n@2:hard at 30% 0.80/0.82
        sb.append(line("full", 1.0, 0, 0.90, 0, 0, 10)).append(line("full", 1.0, 1, 0.92, 0, 0, 10));
        sb.append(line("random", 0.3, 0, 0.85, 0, 0, 3)).append(line("random", 0.3, 1, 0.87, 0, 0, 3));
        sb.append(line("el2n@2:hard", 0.3, 0, 0.80, 4, 0.5, 3)).append(line("el2n@2:hard", 0.3, 1, 0.82, 4, 0.5, 3));
        Files.writeString(dir.resolve("results.jsonl"), sb.toString());

        Path page = Report.write(dir);
        String html = Files.readString(page);
        assertSelfContained(dir, html);
        assertThat(html).contains("<h2>What this says</h2>", "<h2>Accuracy against kept fraction</h2>",
                "<h2>Accuracy against total cost</h2>", "<h2>Results</h2>");
        // numbers in the summary are computed from the file
        assertThat(html).contains("Training on all 1,000 training examples reaches 91% test accuracy (mean of 2 seeds)");
        assertThat(html).contains("At 30% kept, random reaches 86% (−5.0 pt against full)");
        assertThat(html).contains("el2n@2:hard is worst at 81% (−5.0 pt under random)");
        // random at 30%: 3.0 s (no proxy); hard: 4 + 0.5 + 3 = 7.5 s; full 10 s; random is 5 pt below full
        assertThat(html).contains("No pruned run came within 1 pt of full-data accuracy.");
        assertThat(html).contains("<td>7.5</td>").contains("<td>0.75</td>");
        assertThat(Files.list(dir.resolve(Report.FILES)).map(p -> p.getFileName().toString()))
                .contains("accuracy.png", "cost.png", "backward.png");
    }

    private static String line(String method, double keep, long seed, double acc, double proxy, double scoring, double training) {
        return String.format(java.util.Locale.ROOT,
                "{\"method\":\"%s\",\"keep\":%s,\"k\":%d,\"seed\":%d,\"test_accuracy\":%s,\"seconds\":{\"proxy\":%s,"
                        + "\"scoring\":%s,\"selection\":0,\"training\":%s,\"evaluation\":0,\"total\":%s},"
                        + "\"forward_examples\":100,\"backward_examples\":50}\n",
                method, keep, (int) (keep * 1000), seed, acc, proxy, scoring, training, proxy + scoring + training);
    }

    @Test
    void reportOfARealStudyHasScoresNoiseAndImageGrids(@TempDir Path tmp) throws Exception {
        SoftmaxWorld w = new SoftmaxWorld(400, 4, 5);
        Path dir = tmp.resolve("study");
        StudySpec s = StudyRunnerTest.spec("random,el2n@2:hard,aum:hard,forgetting:window:0.05", "0.3", "0,1", "epochs", 0.1);
        new StudyRunner(w.engine(), new PrintWriter(new StringWriter()), "test").run(s, dir, StudyFolder.Mode.NEW);
        Path page = Report.write(dir);
        String html = Files.readString(page);
        assertSelfContained(dir, html);
        assertThat(html).contains("<h2>Finding the flipped labels</h2>", "<h2>Score distributions</h2>",
                "<h3>Do the scores agree?</h3>", "<h2>Which examples are hard?</h2>", "Most forgotten (forgetting)");
        assertThat(dir.resolve(Report.FILES).resolve("grid-aum-hardest.png")).isRegularFile();
        assertThat(dir.resolve(Report.FILES).resolve("hist-el2n_2.png")).isRegularFile();
        // AUM over noisy labels finds the flipped ones far better than chance on this data
        double auroc = NoiseDetection.of(StudyResults.read(dir)).stream().filter(d -> d.score().equals("aum"))
                .findFirst().orElseThrow().auroc();
        assertThat(auroc).isGreaterThan(0.8);
        assertThat(html).contains("With 10% of training labels flipped");
        // regenerating replaces the files
        Report.write(dir);
        assertSelfContained(dir, Files.readString(page));
    }

    @Test
    void aFolderWrittenBeforeRunsWereRecordsStillRenders(@TempDir Path dir) throws Exception {
        // study.json and three lines copied from a real study of the runner that wrote JSON nodes by hand
        Path old = Path.of(ReportTest.class.getResource("/dev/winnow/study/results/study-before-typed-records").toURI());
        Files.copy(old.resolve("study.json"), dir.resolve("study.json"));
        List<String> lines = Files.readAllLines(old.resolve("results.jsonl"));
        // the first runner wrote no cpu_seconds: take them out of the full run's line
        lines.set(0, lines.get(0).replaceAll(",\"cpu_seconds\":\\{[^}]*}", ""));
        assertThat(lines.get(0)).doesNotContain("cpu_seconds").contains("\"forward_examples\":630");
        Files.write(dir.resolve("results.jsonl"), lines);

        String html = Files.readString(Report.write(dir));
        assertSelfContained(dir, html);
        // full: 240 examples, accuracy 0.9666… = 96.7%, 0.166646198 s
        assertThat(html).contains("<title>Pruning study: csv:train.csv,test=test.csv, mlp</title>",
                "Training on all 240 training examples reaches 96.7% test accuracy (mean of 1 seed) for 0.2 s of compute.");
        // no random: the best method at 25% is compared with full (0.9666… − 0.9666… = +0.0 pt)
        assertThat(html).contains("At 25% kept, dynamic:uniform:keep is best at 96.7% (+0.0 pt against full).");
        // both within 1 pt of full; dynamic costs 0.022151057 s: 0.166646198 / 0.022151057 = 7.52×
        assertThat(html).contains("The cheapest run within 1 pt of full accuracy is dynamic:uniform:keep at 25% kept: "
                + "96.7% in 0.0 s against 0.2 s for full, 7.5× less compute with its scoring counted.");
        // calibrated: 0.9781776739999999 s total = 5.87 × full's; 750 forward, 360 backward; CPU 0.29 s
        assertThat(html).contains("<td>5.87</td><td>0.3</td><td>750 / 360</td>");
        // full: no CPU seconds in its line → a dash
        assertThat(html).contains("<td>1.00</td><td>–</td><td>630 / 480</td>");
    }
}
