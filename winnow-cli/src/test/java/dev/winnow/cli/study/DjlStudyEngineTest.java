package dev.winnow.cli.study;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.study.Report;
import dev.winnow.study.ReportTest;
import dev.winnow.study.ResultsLog;
import dev.winnow.study.StudyFolder;
import dev.winnow.study.StudyRunner;
import dev.winnow.study.StudySettings;
import dev.winnow.study.StudySpec;
import dev.winnow.study.results.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real engine end to end on a small CSV dataset it trains on with DJL: proxy dynamics recorded by
 * winnow-train, scores and keep-lists from the core, targets trained on the keep-lists (a few seconds).
 */
class DjlStudyEngineTest {
    static void writeCsv(Path file, int n, long seed) throws Exception {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("f0,f1,f2,f3,f4,f5,label\n");
        for (int i = 0; i < n; i++) {
            int y = i % 3;
            for (int d = 0; d < 6; d++) {
                double centre = d / 2 == y ? 2.0 : 0.0;
                sb.append(String.format(java.util.Locale.ROOT, "%.4f,", centre + r.nextGaussian() * (i % 9 == 0 ? 2.5 : 0.7)));
            }
            sb.append("c").append(y).append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    /**
     * Writes {@code train.csv} (240 examples from {@code seed}) and {@code test.csv} (150 from {@code seed + 1})
     * into {@code tmp}: the data spec of the two.
     */
    static String csvData(Path tmp, long seed) throws Exception {
        Path train = tmp.resolve("train.csv");
        Path test = tmp.resolve("test.csv");
        writeCsv(train, 240, seed);
        writeCsv(test, 150, seed + 1);
        return "csv:" + train + ",test=" + test;
    }

    /** Runs {@code spec} with the DJL engine into the new study folder {@code dir}: its finished runs. */
    static List<RunRecord> runStudy(StudySpec spec, Path dir) {
        new StudyRunner(new DjlStudyEngine(), new PrintWriter(new StringWriter()), "test").run(spec, dir, StudyFolder.Mode.NEW);
        return ResultsLog.open(dir.resolve("results.jsonl")).runs();
    }

    @Test
    void realEngineRunsAStudyWithNoiseAndAStepBudget(@TempDir Path tmp) throws Exception {
        StudySpec spec = StudySettings.spec("data", csvData(tmp, 1), "model", "mlp", "epochs", 3, "batch-size", 32,
                "lr", 0.01, "proxy-epochs", 2, "methods", "random,el2n@2:hard,aum:stratified,el2n@2:calibrated:0.5",
                "keep", "0.5", "seeds", "0", "budget", "steps", "label-noise", 0.1);
        Path dir = tmp.resolve("study");
        List<RunRecord> lines = runStudy(spec, dir);
        assertThat(lines).hasSize(6);
        RunRecord full = lines.get(0);
        assertThat(full.method()).isEqualTo("full");
        // full: 3 epochs × ⌈240/32⌉ = 24 steps; every subset of 120 gets the same 24 steps (6 epochs of 4)
        assertThat(full.steps()).isEqualTo(24);
        assertThat(full.testAccuracy()).as("the MLP learns the blobs").isGreaterThan(0.6);
        // evaluated on the 150 test examples after each of the 3 epochs (eval-every 1): the learning curve
        assertThat(full.counts().evaluation().forward()).isEqualTo(3 * 150);
        assertThat(full.curvePoints()).extracting(RunRecord.CurvePoint::epoch).containsExactly(1, 2, 3);
        assertThat(full.curvePoints()).extracting(RunRecord.CurvePoint::backwardExamples).containsExactly(240L, 480L, 720L);
        assertThat(full.curvePoints().get(2).testAccuracy()).isEqualTo(full.testAccuracy());
        assertThat(full.curvePoints().get(2).seconds())
                .isCloseTo(full.seconds().total() - full.seconds().evaluation(), org.assertj.core.data.Offset.offset(1e-9));
        // full:shorter at 50 %: ⌈0.5 · 24⌉ = 12 steps of all the data = one epoch of 8 and 4 steps (128 examples)
        RunRecord shorter = lines.get(5);
        assertThat(shorter.method()).isEqualTo("full:shorter");
        assertThat(shorter.steps()).isEqualTo(12);
        assertThat(shorter.epochs()).isEqualTo(2);
        assertThat(shorter.counts().training().backward()).isEqualTo(240 + 4 * 32);
        for (RunRecord l : lines.subList(1, lines.size() - 1)) {
            assertThat(l.k()).isEqualTo(120);
            assertThat(l.steps()).as(l.method()).isEqualTo(24);
            assertThat(l.counts().training().backward()).isEqualTo(24 * 30);
            assertThat(l.testAccuracy()).isBetween(0.0, 1.0);
        }
        RunRecord hard = lines.stream().filter(l -> l.method().equals("el2n@2:hard")).findFirst().orElseThrow();
        // proxy: 2 epochs × 240 trained, plus the recorder's checkpoint passes over the 240
        assertThat(hard.counts().proxy().backward()).isEqualTo(2 * 240);
        assertThat(hard.counts().proxy().forward()).isGreaterThanOrEqualTo(4 * 240);
        // the proxy saw the noisy labels: 24 flipped
        DynamicsStore store = DynamicsStore.open(dir.resolve("proxy/seed-0"));
        assertThat(store.observations()).isNotEmpty();
        assertThat(Files.readAllLines(dir.resolve("noise/seed-0.csv"))).hasSize(1 + 24);
        Path page = Report.write(dir);
        ReportTest.assertSelfContained(dir, Files.readString(page));
    }

    @Test
    void aLogregProxyOnHalfTheDataScoresEveryExample(@TempDir Path tmp) throws Exception {
        StudySpec spec = StudySettings.spec("data", csvData(tmp, 5), "epochs", 2, "batch-size", 32, "lr", 0.01,
                "proxy-model", "logreg", "proxy-epochs", 1, "proxy-limit", 0.5, "eval-every", 0,
                "methods", "el2n@1:hard", "keep", "0.5");
        Path dir = tmp.resolve("study");
        RunRecord hard = runStudy(spec, dir).get(1);
        // the proxy trained on 120 of 240 for one epoch and then observed all 240 in its checkpoint pass
        assertThat(hard.counts().proxy().backward()).isEqualTo(120);
        assertThat(hard.counts().proxy().forward()).isEqualTo(120 + 240);
        assertThat(hard.provenance().proxyModel()).isEqualTo("logreg");
        assertThat(hard.provenance().model()).isEqualTo("mlp");
        float[] el2n = dev.winnow.io.ScoreTable.read(dir.resolve("scores/seed-0/el2n_1.csv")).scores();
        assertThat(el2n).hasSize(240);
        for (float v : el2n) {
            assertThat(v).isFinite();
        }
        assertThat(DynamicsStore.open(dir.resolve("proxy/seed-0")).manifest().provenance())
                .containsEntry("model", "logreg").containsEntry("trained_on", "keep-list (120 of 240)");
        // eval-every 0: one evaluation, after the last of the target's 2 epochs
        assertThat(hard.curvePoints()).extracting(RunRecord.CurvePoint::epoch).containsExactly(2);
        assertThat(hard.counts().evaluation().forward()).isEqualTo(150);
    }

    @Test
    void dynamicPoliciesPickEachEpochsExamples(@TempDir Path tmp) throws Exception {
        StudySpec spec = StudySettings.spec("data", csvData(tmp, 3), "epochs", 4, "batch-size", 32, "lr", 0.01,
                "methods", "dynamic:uniform:keep,dynamic:infobatch:0.5", "keep", "0.25");
        assertThat(spec.needsProxy()).isFalse();
        Path dir = tmp.resolve("study");
        List<RunRecord> lines = runStudy(spec, dir);
        assertThat(lines).extracting(l -> l.method() + "@" + l.keep())
                .containsExactly("full@1.0", "dynamic:uniform:keep@0.25", "dynamic:infobatch:0.5@1.0", "full:shorter@0.25");
        RunRecord uniform = lines.get(1);
        // a fresh random quarter (60 of 240) every epoch, no proxy
        assertThat(uniform.counts().training().backward()).isEqualTo(4 * 60);
        assertThat(uniform.seconds().proxy()).isZero();
        assertThat(uniform.provenance().policy()).isEqualTo("uniform:0.25");
        RunRecord ib = lines.get(2);
        long b = ib.counts().training().backward();
        // InfoBatch drops some below-mean-loss examples in the early epochs, trains on all at the end
        assertThat(b).isLessThan(4 * 240).isGreaterThan(2 * 240);
        assertThat(ib.testAccuracy()).isGreaterThan(0.5);
        assertThat(Files.exists(dir.resolve("proxy"))).isFalse();
        ReportTest.assertSelfContained(dir, Files.readString(Report.write(dir)));
    }
}
