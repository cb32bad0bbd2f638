package dev.winnow.study;

import dev.winnow.io.ScoreTable;
import dev.winnow.select.KeepList;
import dev.winnow.select.Selector;
import dev.winnow.study.results.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A study whose scores and keep-lists come from the core (softmax world for proxy and target). */
class CoreScoringTest {
    @Test
    void studyKeepListsAreTheCoreSelections(@TempDir Path tmp) {
        SoftmaxWorld w = new SoftmaxWorld(300, 4, 21);
        StudyEngine real = new StudyEngine(spec -> w, w::recordProxy, CoreScoring.scorer(), CoreScoring.selector(), w::train);
        Path dir = tmp.resolve("s");
        StudySpec spec = StudyRunnerTest.spec("random,el2n@2:hard,aum:stratified,el2n@2:calibrated:0.5,el2n@2:window:0.1",
                "0.3", "0", "epochs", 0);
        new StudyRunner(real, new PrintWriter(new StringWriter()), "test").run(spec, dir, StudyRunner.Mode.NEW);
        List<RunRecord> lines = ResultsLog.open(dir.resolve("results.jsonl")).runs();
        assertThat(lines).hasSize(6);
        ScoreTable el2n = ScoreTable.read(dir.resolve("scores/seed-0/el2n_2.csv"));
        for (String m : List.of("el2n@2:hard", "el2n@2:calibrated:0.5", "el2n@2:window:0.1")) {
            RunRecord l = lines.stream().filter(x -> x.method().equals(m)).findFirst().orElseThrow();
            KeepList expected = Selector.select(el2n, CoreScoring.options(MethodSpec.parse(m), 0.3, 0));
            float[] wts = new float[expected.size()];
            for (int i = 0; i < wts.length; i++) {
                wts[i] = (float) expected.weight(i);
            }
            assertThat(l.k()).isEqualTo(90);
            assertThat(l.provenance().keepListSha256())
                    .as(m).isEqualTo(StudyRunner.keepListHash(expected.ids(), wts));
        }
        RunRecord cal = lines.stream().filter(x -> x.method().equals("el2n@2:calibrated:0.5")).findFirst().orElseThrow();
        assertThat(cal.provenance().weighted()).isTrue();
    }

    @Test
    void unknownScoresAreRefusedBeforeAnyTraining(@TempDir Path tmp) {
        SoftmaxWorld w = new SoftmaxWorld(100, 2, 1);
        StudyEngine real = new StudyEngine(spec -> w, w::recordProxy, CoreScoring.scorer(), CoreScoring.selector(), w::train);
        StudySpec spec = StudyRunnerTest.spec("nosuchscore:hard", "0.3", "0", "epochs", 0);
        assertThatThrownBy(() -> new StudyRunner(real, new PrintWriter(new StringWriter()), "test").run(spec, tmp.resolve("s"), StudyRunner.Mode.NEW))
                .hasMessageStartingWith("score 'nosuchscore'");
        assertThat(w.proxies.get()).isZero();
    }
}
