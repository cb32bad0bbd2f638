package dev.winnow.study;

import dev.winnow.WinnowException;
import dev.winnow.io.AtomicFiles;
import dev.winnow.study.results.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StudyRunnerTest {
    /** A study of {@link SoftmaxWorld}: 4 epochs of SGD (batch 32, lr 0.5), a 3-epoch proxy. */
    static StudySpec spec(String methods, String keep, String seeds, String budget, double noise) {
        return StudySettings.spec("data", "synthetic", "model", "softmax", "epochs", 4, "batch-size", 32, "lr", 0.5,
                "optimizer", "sgd", "proxy-epochs", 3, "methods", methods, "keep", keep, "seeds", seeds,
                "budget", budget, "label-noise", noise);
    }

    private final StringWriter progress = new StringWriter();

    private StudyRunner runner(SoftmaxWorld w) {
        return new StudyRunner(w.engine(), new PrintWriter(progress), "test");
    }

    /** Runs {@code s} on {@code w} into the new study folder {@code dir}: its finished runs, as results.jsonl lists them. */
    private List<RunRecord> runNew(SoftmaxWorld w, StudySpec s, Path dir) {
        runner(w).run(s, dir, StudyFolder.Mode.NEW);
        return ResultsLog.open(dir.resolve("results.jsonl")).runs();
    }

    @Test
    void targetCpuSecondsAreMeasured(@TempDir Path tmp) {
        // the process CPU clock ticks in 10 ms steps: a world large enough that each target run spans many ticks
        SoftmaxWorld w = new SoftmaxWorld(40_000, 4, 1);
        StudySpec s = spec("random", "0.5", "0", "epochs", 0);
        List<RunRecord> lines = runNew(w, s, tmp.resolve("study"));
        assertThat(lines).hasSize(3);
        assertThat(lines.stream().mapToDouble(l -> l.cpuSeconds().target()).sum()).isPositive();
        for (RunRecord l : lines) {
            assertThat(l.cpuSeconds().target()).as(l.method()).isPositive();
        }
    }

    @Test
    void runsEveryCellOnceWithCompleteLinesAndHonestCosts(@TempDir Path tmp) throws Exception {
        SoftmaxWorld w = new SoftmaxWorld(300, 4, 1);
        Path dir = tmp.resolve("study");
        StudySpec s = spec("random,el2n@2:hard,el2n@2:calibrated:0.5,aum:easy", "0.2,0.5", "0,1", "epochs", 0);
        StudyRunner.Summary sum = runner(w).run(s, dir, StudyFolder.Mode.NEW);
        // per seed: full, 4 methods × 2 kept fractions, full:shorter at each of the 2
        assertThat(sum.runsDone()).isEqualTo(2 * (1 + 4 * 2 + 2));
        assertThat(w.proxies.get()).as("one proxy per seed, shared by every method").isEqualTo(2);
        List<RunRecord> lines = ResultsLog.open(dir.resolve("results.jsonl")).runs();
        assertThat(lines).hasSize(22);
        for (RunRecord l : lines) {
            assertThat(List.of(l.seconds(), l.cpuSeconds(), l.counts(), l.provenance())).as("every part in " + l).doesNotContainNull();
            RunRecord.Seconds t = l.seconds();
            for (double v : new double[] {t.proxy(), t.scoring(), t.selection(), t.training(), t.evaluation(), t.total()}) {
                assertThat(v).as("seconds in " + l).isFinite();
            }
            assertThat(l.testAccuracy()).isBetween(0.0, 1.0);
            assertThat(l.provenance().keepListSha256()).hasSize(16);
        }
        RunRecord full = find(lines, "full", 1.0, 0);
        RunRecord random = find(lines, "random", 0.2, 0);
        RunRecord hard = find(lines, "el2n@2:hard", 0.2, 0);
        RunRecord cal = find(lines, "el2n@2:calibrated:0.5", 0.5, 1);
        assertThat(full.k()).isEqualTo(300);
        assertThat(random.k()).isEqualTo(60);
        // random needs no proxy and no score; the score-based methods pay the whole proxy and their scoring
        assertThat(random.seconds().proxy()).isZero();
        assertThat(random.counts().proxy().forward()).isZero();
        assertThat(hard.seconds().proxy()).isPositive();
        assertThat(hard.seconds().scoring()).isPositive();
        // proxy: 3 epochs × 300 trained (fwd+bwd) plus a 300-example checkpoint pass each epoch
        assertThat(hard.counts().proxy().forward()).isEqualTo(3 * 300 + 3 * 300);
        assertThat(hard.counts().proxy().backward()).isEqualTo(3 * 300);
        // target: 4 epochs over 60 kept; evaluation: 400 test examples after each of the 4 epochs (eval-every 1)
        assertThat(hard.counts().training().backward()).isEqualTo(4 * 60);
        assertThat(hard.counts().evaluation().forward()).isEqualTo(4 * 400);
        assertThat(hard.forwardExamples()).isEqualTo(1800 + 240 + 1600);
        double sum5 = hard.seconds().proxy() + hard.seconds().scoring() + hard.seconds().selection()
                + hard.seconds().training() + hard.seconds().evaluation();
        assertThat(hard.seconds().total()).isCloseTo(sum5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cal.provenance().weighted()).isTrue();
        // CPU seconds: the proxy's share is charged to score-based methods only
        // (the clock ticks in 10 ms steps: a tiny proxy may read 0, but every score-based method of a seed pays the same)
        assertThat(hard.cpuSeconds().proxy()).isFinite();
        assertThat(hard.cpuSeconds().proxy())
                .isEqualTo(find(lines, "aum:easy", 0.5, 0).cpuSeconds().proxy()).isNotNegative();
        assertThat(random.cpuSeconds().proxy()).isZero();
        // (that target CPU seconds are measured at all is checked on runs long enough for the CPU clock's
        // 10 ms tick: targetCpuSecondsAreMeasured; these runs take a fraction of a tick each)
        RunRecord.CpuSeconds c = hard.cpuSeconds();
        assertThat(c.total()).isCloseTo(c.proxy() + c.scoring() + c.selection() + c.target(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(full.testAccuracy()).as("the fake really learns").isGreaterThan(0.6);
        // hardest-first at 20% keeps the noisiest examples and trains a worse model than random
        assertThat(hard.testAccuracy()).isLessThanOrEqualTo(random.testAccuracy());

        assertThat(Files.exists(dir.resolve("scores/seed-0/el2n_2.csv"))).isTrue();
        // forgetting is computed for the report (most-forgotten grid) although no method uses it
        assertThat(Files.readString(dir.resolve("scores/seed-0/forgetting.json"))).contains("\"report_only\" : true");
        assertThat(Files.exists(dir.resolve("examples.json"))).isTrue();
        assertThat(progress.toString()).contains("[22/22]").contains("ETA");
    }

    static RunRecord find(List<RunRecord> lines, String method, double keep, long seed) {
        return lines.stream().filter(l -> l.method().equals(method) && l.keep() == keep && l.seed() == seed)
                .findFirst().orElseThrow();
    }

    @Test
    void resumeSkipsFinishedRunsAndRedoesATornOne(@TempDir Path tmp) throws Exception {
        SoftmaxWorld w = new SoftmaxWorld(200, 3, 2);
        Path dir = tmp.resolve("study");
        StudySpec s = spec("random,el2n@1:hard", "0.3,0.6", "0", "epochs", 0);
        runner(w).run(s, dir, StudyFolder.Mode.NEW);
        // full, random and el2n@1:hard at 0.3 and 0.6, full:shorter at 0.3 and 0.6
        assertThat(w.trainings.get()).isEqualTo(7);
        Path results = dir.resolve("results.jsonl");
        String before = Files.readString(results);

        assertThatThrownBy(() -> runner(w).run(s, dir, StudyFolder.Mode.NEW))
                .isInstanceOf(WinnowException.class).hasMessageContaining("already exists (use --resume");

        SoftmaxWorld w2 = new SoftmaxWorld(200, 3, 2);
        StudyRunner.Summary again = runner(w2).run(null, dir, StudyFolder.Mode.RESUME);
        assertThat(again.runsDone()).isZero();
        assertThat(again.runsSkipped()).isEqualTo(7);
        assertThat(w2.trainings.get()).isZero();
        assertThat(w2.proxies.get()).as("nothing left to do: no proxy either").isZero();

        // a proxy store half-written when the process died leaves a temporary beside it; resume removes it
        Files.createDirectories(dir.resolve("proxy/.seed-0.12345"));
        Files.writeString(dir.resolve("proxy/.seed-0.12345/loss.npy"), "partial");
        AtomicFiles.deleteTree(dir.resolve("proxy/seed-0"));

        // tear the last line, as a crash in the middle of a write would
        byte[] b = before.getBytes(StandardCharsets.UTF_8);
        Files.write(results, java.util.Arrays.copyOf(b, b.length - 25));
        SoftmaxWorld w3 = new SoftmaxWorld(200, 3, 2);
        StudyRunner.Summary third = runner(w3).run(null, dir, StudyFolder.Mode.RESUME);
        assertThat(third.runsDone()).isEqualTo(1);
        assertThat(w3.trainings.get()).isEqualTo(1);
        assertThat(w3.proxies.get()).as("the lost proxy is trained again").isEqualTo(1);
        assertThat(dir.resolve("proxy/.seed-0.12345")).doesNotExist();
        assertThat(dir.resolve("proxy/seed-0")).isDirectory();
        assertThat(progress.toString()).contains("torn last line");
        assertThat(ResultsLog.open(results).runs()).hasSize(7);
        assertThat(Files.readString(results).lines()).allSatisfy(l -> assertThat(l).endsWith("}"));

        // resume may add methods, not change how training works
        StudySpec more = spec("random,el2n@1:hard,el2n@1:easy", "0.3,0.6", "0", "epochs", 0);
        SoftmaxWorld w4 = new SoftmaxWorld(200, 3, 2);
        assertThat(runner(w4).run(more, dir, StudyFolder.Mode.RESUME).runsDone()).isEqualTo(2);
        StudySpec other = spec("random", "0.3", "0", "steps", 0);
        assertThatThrownBy(() -> runner(w4).run(other, dir, StudyFolder.Mode.RESUME))
                .hasMessageContaining("--resume with a different budget");

        runner(new SoftmaxWorld(200, 3, 2)).run(s, dir, StudyFolder.Mode.FORCE);
        assertThat(ResultsLog.open(results).runs()).hasSize(7);
    }

    @Test
    void forceRefusesToWipeAFolderThatIsNotAStudy(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("thesis.tex"), "precious");
        assertThatThrownBy(() -> new StudyFolder(tmp).prepare(spec("random", "0.5", "0", "epochs", 0), StudyFolder.Mode.FORCE))
                .hasMessageContaining("holds no study.json");
        assertThat(tmp.resolve("thesis.tex")).exists();
    }

    @Test
    void stepBudgetGivesSubsetsAsManyStepsAsFullTraining(@TempDir Path tmp) {
        List<RunRecord> lines = runNew(new SoftmaxWorld(256, 4, 3), spec("random", "0.25", "0", "steps", 0), tmp.resolve("s"));
        RunRecord full = find(lines, "full", 1.0, 0);
        RunRecord sub = find(lines, "random", 0.25, 0);
        // full: 4 epochs × 256/32 = 32 steps; subset of 64 = 2 steps per epoch → 16 epochs, 32 steps
        assertThat(full.steps()).isEqualTo(32);
        assertThat(sub.steps()).isEqualTo(32);
        assertThat(sub.epochs()).isEqualTo(16);
        assertThat(sub.counts().training().backward()).isEqualTo(32 * 32);
    }

    @Test
    void aStepBudgetEndsInsideTheLastEpoch(@TempDir Path tmp) {
        RunRecord sub = find(runNew(new SoftmaxWorld(256, 4, 3), spec("random", "0.3", "0", "steps", 0), tmp.resolve("s")),
                "random", 0.3, 0);
        // k = 76 = 3 steps of 32 per epoch; full's 32 steps take 11 epochs: 10 whole (30 steps) and 2 steps (64 examples)
        assertThat(sub.k()).isEqualTo(76);
        assertThat(sub.epochs()).isEqualTo(11);
        assertThat(sub.steps()).isEqualTo(32);
        assertThat(sub.counts().training().backward()).isEqualTo(10 * 76 + 2 * 32);
        assertThat(sub.provenance().maxSteps()).isEqualTo(32);
    }

    @Test
    void dynamicPoliciesPickEachEpochsExamplesWithoutAProxy(@TempDir Path tmp) {
        SoftmaxWorld w = new SoftmaxWorld(256, 4, 6);
        Path dir = tmp.resolve("s");
        List<RunRecord> lines = runNew(w, spec("dynamic:uniform:keep,dynamic:infobatch:0.5", "0.25", "0", "epochs", 0), dir);
        assertThat(lines).extracting(l -> l.method() + "@" + l.keep())
                .containsExactly("full@1.0", "dynamic:uniform:keep@0.25", "dynamic:infobatch:0.5@1.0", "full:shorter@0.25");
        RunRecord full = lines.get(0);
        RunRecord uniform = lines.get(1);
        // a fresh random quarter (64 of 256) each of the 4 epochs: 2 steps of 32 each
        assertThat(uniform.counts().training().backward()).isEqualTo(4 * 64);
        assertThat(uniform.steps()).isEqualTo(4 * 2);
        assertThat(uniform.k()).as("it may train on any example").isEqualTo(256);
        assertThat(uniform.provenance().keepListSha256()).isEqualTo(full.provenance().keepListSha256());
        assertThat(uniform.provenance().policy()).isEqualTo("uniform:0.25");
        assertThat(uniform.score()).isEqualTo("dynamic");
        assertThat(uniform.seconds().proxy()).isZero();
        RunRecord ib = lines.get(2);
        // the canonical spec, with InfoBatch's default annealing share written out
        assertThat(ib.provenance().policy()).isEqualTo("infobatch:0.5,0.875");
        // InfoBatch drops some below-mean-loss examples after the first epoch and trains on all in the last
        assertThat(ib.counts().training().backward()).isLessThan(4 * 256).isGreaterThan(2 * 256);
        assertThat(w.proxies.get()).isZero();
        assertThat(dir.resolve("proxy")).doesNotExist();
    }

    @Test
    void labelNoiseIsRecordedAndSeenByTheProxy(@TempDir Path tmp) throws Exception {
        SoftmaxWorld w = new SoftmaxWorld(400, 4, 4);
        Path dir = tmp.resolve("s");
        List<RunRecord> lines = runNew(w, spec("aum:hard", "0.5", "0", "epochs", 0.1), dir);
        List<String> flipped = Files.readAllLines(dir.resolve("noise/seed-0.csv"));
        assertThat(flipped).hasSize(1 + 40);
        RunRecord l = lines.get(1);
        assertThat(l.provenance().labelNoise()).isEqualTo(0.1);
        assertThat(l.provenance().labelsFlipped()).isEqualTo(40);
        // the proxy trained on the noisy labels: the store's labels differ from the clean ones in 40 places
        int[] stored = dev.winnow.dynamics.DynamicsStore.open(dir.resolve("proxy/seed-0")).labels();
        int diff = 0;
        for (int i = 0; i < stored.length; i++) {
            diff += stored[i] != w.y[i] ? 1 : 0;
        }
        assertThat(diff).isEqualTo(40);
    }
}
