package dev.winnow.study;

import dev.winnow.io.ScoreTable;
import dev.winnow.select.Budget;
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

/** A study's scores and keep-lists are the core's: those {@code winnow select} writes for the same scores, keep and seed. */
class StudySelectionTest {
    @Test
    void studyKeepListsAreTheCoreSelections(@TempDir Path tmp) {
        SoftmaxWorld w = new SoftmaxWorld(300, 4, 21);
        Path dir = tmp.resolve("s");
        StudySpec spec = StudyRunnerTest.spec("random,el2n@2:hard,aum:stratified,el2n@2:calibrated:0.5,el2n@2:window:0.1",
                "0.3", "0", "epochs", 0);
        new StudyRunner(w.engine(), new PrintWriter(new StringWriter()), "test").run(spec, dir, StudyFolder.Mode.NEW);
        List<RunRecord> lines = ResultsLog.open(dir.resolve("results.jsonl")).runs();
        // full, the five methods at 30 %, and full:shorter at 30 %
        assertThat(lines).hasSize(7);
        ScoreTable el2n = ScoreTable.read(dir.resolve("scores/seed-0/el2n_2.csv"));
        for (String m : List.of("el2n@2:hard", "el2n@2:calibrated:0.5", "el2n@2:window:0.1")) {
            RunRecord l = lines.stream().filter(x -> x.method().equals(m)).findFirst().orElseThrow();
            Method.Static method = (Method.Static) Method.parse(m);
            KeepList expected = Selector.select(el2n, method.strategy().options(new Budget.Fraction(0.3), false, 0));
            float[] wts = new float[expected.size()];
            for (int i = 0; i < wts.length; i++) {
                wts[i] = (float) expected.weight(i);
            }
            assertThat(l.k()).isEqualTo(90);
            assertThat(l.provenance().keepListSha256())
                    .as(m).isEqualTo(RunRecords.keepListHash(expected.ids(), wts));
        }
        RunRecord cal = lines.stream().filter(x -> x.method().equals("el2n@2:calibrated:0.5")).findFirst().orElseThrow();
        assertThat(cal.provenance().weighted()).isTrue();
    }

    @Test
    void unknownScoresAreRefusedBeforeAnyTraining(@TempDir Path tmp) {
        // a score name is checked where the method is parsed, by the core's parser, before any folder or training
        assertThatThrownBy(() -> StudyRunnerTest.spec("nosuchscore:hard", "0.3", "0", "epochs", 0))
                .hasMessageStartingWith("method 'nosuchscore:hard': unknown score 'nosuchscore'");
        // a score that parses but cannot be built (external needs its file) is refused before the proxy trains
        SoftmaxWorld w = new SoftmaxWorld(100, 2, 1);
        StudySpec spec = StudyRunnerTest.spec("external:hard", "0.3", "0", "epochs", 0);
        assertThatThrownBy(() -> new StudyRunner(w.engine(), new PrintWriter(new StringWriter()), "test")
                .run(spec, tmp.resolve("s"), StudyFolder.Mode.NEW))
                .hasMessageStartingWith("score 'external'");
        assertThat(w.proxies.get()).isZero();
        assertThat(tmp.resolve("s")).doesNotExist();
    }
}
