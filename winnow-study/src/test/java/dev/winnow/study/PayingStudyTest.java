package dev.winnow.study;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.io.ScoreTable;
import dev.winnow.select.Budget;
import dev.winnow.select.KeepList;
import dev.winnow.select.Selector;
import dev.winnow.select.Strategy;
import dev.winnow.select.StrategySpec;
import dev.winnow.study.results.RunRecord;
import dev.winnow.study.results.RunRecord.CurvePoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.winnow.study.StudyRunnerTest.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/**
 * What a study needs to say whether pruning paid: the {@code full:shorter} baseline at each kept fraction, a
 * learning curve in every results line with every cost counted from its first point, and a proxy cheaper than
 * the target (a seeded share of the data) that still scores every example.
 */
class PayingStudyTest {
    private static StudySpec spec(String methods, String keep, int epochs, String... more) {
        ObjectNode t = StudyRunnerTest.spec(methods, keep, "0", "epochs", 0).settings();
        t.put("epochs", epochs);
        for (int i = 0; i < more.length; i += 2) {
            t.put(more[i], more[i + 1]);
        }
        return StudySpec.fromTree(t);
    }

    private static List<RunRecord> run(SoftmaxWorld w, StudySpec s, Path dir) {
        new StudyRunner(w.engine(), new PrintWriter(new StringWriter()), "test").run(s, dir, StudyFolder.Mode.NEW);
        return ResultsLog.open(dir.resolve("results.jsonl")).runs();
    }

    @Test
    void stepsOfFullShorterAreTheKeptFractionOfFullsRoundedUp() {
        // full: 10 epochs of ⌈320 / 32⌉ = 10 steps
        assertThat(TrainingBudget.fullSteps(10, 320, 32)).isEqualTo(100);
        assertThat(TrainingBudget.fullSteps(3, 240, 32)).as("7.5 steps an epoch is 8").isEqualTo(24);
        assertThat(TrainingBudget.shorterSteps(0.1, 100)).isEqualTo(10);
        // 0.55 · 100 is 55.00000000000001 in double; the fraction written 0.55 means 55 steps, not 56
        assertThat(0.55 * 100).isGreaterThan(55);
        assertThat(TrainingBudget.shorterSteps(0.55, 100)).isEqualTo(55);
        // 0.7 · 90 is 62.99999999999999: 63
        assertThat(TrainingBudget.shorterSteps(0.7, 90)).isEqualTo(63);
        // ⌈0.1 · 1175⌉ = ⌈117.5⌉ = 118 (the demo's 10 %: 5 epochs of ⌈30000 / 128⌉ = 235 steps)
        assertThat(TrainingBudget.shorterSteps(0.1, 5 * 235)).isEqualTo(118);
        assertThat(TrainingBudget.shorterSteps(0.001, 10)).as("at least one step").isEqualTo(1);
    }

    @Test
    void fullShorterTakesExactlyTheStepsItsBudgetSays(@TempDir Path tmp) {
        SoftmaxWorld w = new SoftmaxWorld(320, 4, 3);
        StudySpec s = spec("random,dynamic:infobatch:0.5", "0.1,0.55", 10);
        assertThat(s.shorterKeeps()).as("infobatch runs at keep 1, which is full itself").containsExactly(0.1, 0.55);
        List<RunRecord> lines = run(w, s, tmp.resolve("s"));
        assertThat(lines).extracting(l -> l.method() + "@" + l.keep()).containsExactly("full@1.0", "random@0.1",
                "random@0.55", "dynamic:infobatch:0.5@1.0", "full:shorter@0.1", "full:shorter@0.55");
        RunRecord full = find(lines, "full", 1.0, 0);
        assertThat(full.steps()).isEqualTo(100);
        // 10 % of 100 steps: one whole epoch of 320
        RunRecord tenth = find(lines, "full:shorter", 0.1, 0);
        assertThat(tenth.steps()).isEqualTo(10);
        assertThat(tenth.epochs()).isEqualTo(1);
        assertThat(tenth.counts().training().backward()).isEqualTo(320);
        assertThat(tenth.provenance().maxSteps()).isEqualTo(10);
        // 55 % of 100 steps: 55 = five epochs of 10 and 5 steps (160 examples) of a sixth
        RunRecord more = find(lines, "full:shorter", 0.55, 0);
        assertThat(more.steps()).isEqualTo(55);
        assertThat(more.epochs()).isEqualTo(6);
        assertThat(more.counts().training().backward()).isEqualTo(5 * 320 + 5 * 32);
        assertThat(more.provenance().maxSteps()).isEqualTo(55);
        // all the data, no proxy, no selection
        for (RunRecord r : List.of(tenth, more)) {
            assertThat(r.k()).isEqualTo(320);
            assertThat(r.score()).isNull();
            assertThat(r.strategy()).isNull();
            assertThat(r.provenance().classBalanced()).isNull();
            assertThat(r.provenance().keepListSha256()).isEqualTo(full.provenance().keepListSha256());
            assertThat(r.seconds().proxy()).isZero();
            assertThat(r.counts().proxy().backward()).isZero();
        }
        assertThat(more.curvePoints()).extracting(CurvePoint::epoch).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(more.curvePoints()).extracting(CurvePoint::backwardExamples)
                .containsExactly(320L, 640L, 960L, 1280L, 1600L, 1760L);
    }

    @Test
    void resumingAFolderFromBeforeFullShorterAddsItsRunsAndNothingElse(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("s");
        StudySpec s = spec("random,el2n@1:hard", "0.3,0.6", 3);
        List<RunRecord> first = run(new SoftmaxWorld(200, 3, 2), s, dir);
        // a folder written before full:shorter: its lines without them
        Path results = dir.resolve("results.jsonl");
        List<String> older = Files.readAllLines(results).stream().filter(l -> !l.contains("\"full:shorter\"")).toList();
        assertThat(older).hasSize(5);
        Files.write(results, older);
        SoftmaxWorld w = new SoftmaxWorld(200, 3, 2);
        StudyRunner.Summary sum = new StudyRunner(w.engine(), new PrintWriter(new StringWriter()), "test")
                .run(null, dir, StudyFolder.Mode.RESUME);
        assertThat(sum.runsDone()).isEqualTo(2);
        assertThat(sum.runsSkipped()).isEqualTo(5);
        assertThat(w.trainings.get()).isEqualTo(2);
        assertThat(w.proxies.get()).as("the proxy and its scores are read back").isZero();
        List<RunRecord> again = ResultsLog.open(results).runs();
        assertThat(again).extracting(l -> l.method() + "@" + l.keep()).endsWith("full:shorter@0.3", "full:shorter@0.6");
        // the same seed trains the same full:shorter
        assertThat(find(again, "full:shorter", 0.6, 0).testAccuracy()).isEqualTo(find(first, "full:shorter", 0.6, 0).testAccuracy());
    }

    @Test
    void underTheStepsBudgetFullShorterStillTakesItsShareOfFullsSteps(@TempDir Path tmp) {
        StudySpec s = spec("random", "0.25", 4, "budget", "steps");
        List<RunRecord> lines = run(new SoftmaxWorld(256, 4, 3), s, tmp.resolve("s"));
        // full: 4 × 8 = 32 steps; random at 25 % gets all 32 over its 64 examples; full:shorter ⌈0.25 · 32⌉ = 8
        assertThat(find(lines, "random", 0.25, 0).steps()).isEqualTo(32);
        RunRecord shorter = find(lines, "full:shorter", 0.25, 0);
        assertThat(shorter.steps()).isEqualTo(8);
        assertThat(shorter.epochs()).isEqualTo(1);
        assertThat(shorter.counts().training().backward()).isEqualTo(256);
    }

    @Test
    void everyLineCarriesACumulativeCurveThatStartsAfterTheProxy(@TempDir Path tmp) {
        SoftmaxWorld w = new SoftmaxWorld(300, 4, 1);
        List<RunRecord> lines = run(w, spec("random,el2n@2:hard,dynamic:uniform:keep", "0.2", 4), tmp.resolve("s"));
        for (RunRecord r : lines) {
            List<CurvePoint> c = r.curvePoints();
            assertThat(c).as(r.method()).isNotEmpty();
            for (int i = 1; i < c.size(); i++) {
                assertThat(c.get(i).epoch()).isGreaterThan(c.get(i - 1).epoch());
                assertThat(c.get(i).seconds()).as("cumulative seconds in " + r.method()).isGreaterThanOrEqualTo(c.get(i - 1).seconds());
                assertThat(c.get(i).backwardExamples()).as("cumulative backward in " + r.method())
                        .isGreaterThan(c.get(i - 1).backwardExamples());
            }
            CurvePoint last = c.get(c.size() - 1);
            assertThat(last.epoch()).isEqualTo(r.epochs());
            assertThat(last.testAccuracy()).isEqualTo(r.testAccuracy());
            // everything but evaluation: the curve's cost is the line's
            assertThat(last.backwardExamples()).isEqualTo(r.backwardExamples());
            assertThat(last.seconds()).isCloseTo(r.seconds().total() - r.seconds().evaluation(), offset(1e-9));
        }
        // eval-every 1 (the default): a point after each of the 4 epochs, each evaluation of 400 test examples counted
        RunRecord full = find(lines, "full", 1.0, 0);
        assertThat(full.curvePoints()).extracting(CurvePoint::epoch).containsExactly(1, 2, 3, 4);
        assertThat(full.curvePoints()).extracting(CurvePoint::backwardExamples).containsExactly(300L, 600L, 900L, 1200L);
        assertThat(full.counts().evaluation().forward()).isEqualTo(4 * 400);
        // the proxy (3 epochs × 300 backward) and the scoring are paid before the target's first epoch of 60
        RunRecord hard = find(lines, "el2n@2:hard", 0.2, 0);
        CurvePoint first = hard.curvePoints().get(0);
        assertThat(first.backwardExamples()).isEqualTo(3 * 300 + 60);
        assertThat(first.seconds()).isGreaterThan(hard.seconds().proxy() + hard.seconds().scoring());
        // random pays no proxy: its curve starts at its own first epoch
        assertThat(find(lines, "random", 0.2, 0).curvePoints().get(0).backwardExamples()).isEqualTo(60);
    }

    @Test
    void evalEveryChoosesTheCurvesPointsAndTheCostOfEvaluating(@TempDir Path tmp) {
        SoftmaxWorld w = new SoftmaxWorld(200, 4, 2);
        RunRecord every3 = run(w, spec("random", "0.5", 7, "eval-every", "3"), tmp.resolve("a")).get(0);
        // after epochs 3 and 6, and always after the last
        assertThat(every3.curvePoints()).extracting(CurvePoint::epoch).containsExactly(3, 6, 7);
        assertThat(every3.counts().evaluation().forward()).isEqualTo(3 * 400);
        assertThat(every3.provenance().evalEvery()).isEqualTo(3);
        RunRecord last = run(w, spec("random", "0.5", 7, "eval-every", "0"), tmp.resolve("b")).get(0);
        assertThat(last.curvePoints()).extracting(CurvePoint::epoch).containsExactly(7);
        assertThat(last.counts().evaluation().forward()).isEqualTo(400);
        // evaluating does not change training
        assertThat(last.testAccuracy()).isEqualTo(every3.testAccuracy());
    }

    @Test
    void aProxyOnASeededShareOfTheDataStillScoresEveryExample(@TempDir Path tmp) throws Exception {
        SoftmaxWorld w = new SoftmaxWorld(300, 4, 7);
        StudySpec s = spec("random,el2n@2:hard", "0.25", 3, "proxy-limit", "0.25");
        List<RunRecord> lines = run(w, s, tmp.resolve("a"));
        RunRecord hard = find(lines, "el2n@2:hard", 0.25, 0);
        // ⌊0.25 · 300⌋ = 75 trained for 3 epochs; a checkpoint pass over all 300 after each
        assertThat(hard.counts().proxy().backward()).isEqualTo(3 * 75);
        assertThat(hard.counts().proxy().forward()).isEqualTo(3 * 75 + 3 * 300);
        assertThat(hard.provenance().proxyLimit()).isEqualTo(0.25);
        float[] el2n = ScoreTable.read(tmp.resolve("a/scores/seed-0/el2n_2.csv")).scores();
        assertThat(el2n).hasSize(300);
        for (float v : el2n) {
            assertThat(v).isFinite();
        }
        // the proxy trained on the examples random selection keeps at 25 % under the seed: the core's selection
        KeepList expected = Selector.select(new ScoreTable(w.ids, w.y, new float[300]),
                StrategySpec.of(Strategy.RANDOM).options(new Budget.Fraction(0.25), false, 0));
        assertThat(presentedIds(tmp.resolve("a/proxy/seed-0"), w.ids)).isEqualTo(idSet(expected.ids()));
        assertThat(find(lines, "random", 0.25, 0).provenance().keepListSha256())
                .isEqualTo(RunRecords.keepListHash(expected.ids(), null));
        // deterministic from the seed: a second study scores every example the same
        run(new SoftmaxWorld(300, 4, 7), s, tmp.resolve("b"));
        assertThat(Files.readString(tmp.resolve("b/scores/seed-0/el2n_2.csv")))
                .isEqualTo(Files.readString(tmp.resolve("a/scores/seed-0/el2n_2.csv")));
        // on all the data the proxy would have scored them otherwise
        run(new SoftmaxWorld(300, 4, 7), spec("random,el2n@2:hard", "0.25", 3), tmp.resolve("c"));
        assertThat(Files.readString(tmp.resolve("c/scores/seed-0/el2n_2.csv")))
                .isNotEqualTo(Files.readString(tmp.resolve("a/scores/seed-0/el2n_2.csv")));
    }

    /** The ids with a presentation in the first epoch of the store's first run. */
    private static Set<Long> presentedIds(Path store, long[] ids) {
        DynamicsStore d = DynamicsStore.open(store);
        int t = d.observations().indexOf(new Observation(0, 1, ObservationKind.PRESENTATION));
        FloatBuffer loss = d.signal("loss", t);
        Set<Long> out = new HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            if (!Float.isNaN(loss.get(i))) {
                out.add(ids[i]);
            }
        }
        return out;
    }

    private static Set<Long> idSet(long[] ids) {
        Set<Long> out = new HashSet<>();
        for (long id : ids) {
            out.add(id);
        }
        return out;
    }

    @Test
    void theEngineRefusesWhatItCannotTrainBeforeAnythingIsWritten(@TempDir Path tmp) throws Exception {
        SoftmaxWorld w = new SoftmaxWorld(100, 2, 1);
        StudyRunner runner = new StudyRunner(w.engine(), new PrintWriter(new StringWriter()), "test");
        Path dir = tmp.resolve("s");
        assertThatThrownBy(() -> runner.run(spec("el2n@1:hard", "0.5", 2, "proxy-model", "mlp"), dir, StudyFolder.Mode.NEW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("proxy-model: 'mlp' is not a model of the synthetic engine (softmax)");
        assertThat(dir).doesNotExist();
        // with --force, an old study stays where it is when the new spec is refused
        runner.run(spec("random", "0.5", 2), dir, StudyFolder.Mode.NEW);
        assertThatThrownBy(() -> runner.run(spec("el2n@1:hard", "0.5", 2, "proxy-hidden", "64"), dir, StudyFolder.Mode.FORCE))
                .hasMessage("proxy-hidden: softmax has no hidden layers");
        assertThat(ResultsLog.open(dir.resolve("results.jsonl")).runs()).hasSize(3);
        assertThat(w.proxies.get()).isZero();
    }
}
