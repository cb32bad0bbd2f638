package dev.winnow.study;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.ScoreTable;
import dev.winnow.quality.ClassProbabilities;
import dev.winnow.quality.ConfidentLearning;
import dev.winnow.quality.DuplicateGroups;
import dev.winnow.quality.NearDuplicates;
import dev.winnow.quality.UnitFeatures;
import dev.winnow.select.Budget;
import dev.winnow.select.KeepList;
import dev.winnow.select.Selector;
import dev.winnow.select.StrategySpec;
import dev.winnow.study.results.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    void cleanedMethodsSelectFromWhatTheCleaningLeaves(@TempDir Path tmp) throws java.io.IOException {
        SoftmaxWorld w = new SoftmaxWorld(300, 3, 5);
        Path dir = tmp.resolve("s");
        StudySpec spec = StudyRunnerTest.spec("random,clean:random,clean:el2n@2:hard,dedup@0.02:random", "0.5", "0",
                "epochs", 0.1);
        new StudyRunner(w.engine(), new PrintWriter(new StringWriter()), "test").run(spec, dir, StudyFolder.Mode.NEW);
        List<RunRecord> lines = ResultsLog.open(dir.resolve("results.jsonl")).runs();
        DynamicsStore store = DynamicsStore.open(dir.resolve("proxy/seed-0"));
        // the examples confident learning flags on the proxy's presentations are left out, the rest selected
        ConfidentLearning.Result cl = ConfidentLearning.find(
                ClassProbabilities.of(store, ClassProbabilities.Source.PRESENTATIONS), store.labels(), 3, store.ids(), "t");
        assertThat(cl.flagged()).isNotEmpty();
        Set<Long> flagged = new HashSet<>();
        for (int i : cl.flagged()) {
            flagged.add(store.ids()[i]);
        }
        ScoreTable el2n = ScoreTable.read(dir.resolve("scores/seed-0/el2n_2.csv"));
        int left = 300 - flagged.size();
        long[] ids = new long[left];
        int[] labels = new int[left];
        float[] scores = new float[left];
        for (int i = 0, j = 0; i < 300; i++) {
            if (!flagged.contains(el2n.ids()[i])) {
                ids[j] = el2n.ids()[i];
                labels[j] = el2n.labels()[i];
                scores[j++] = el2n.scores()[i];
            }
        }
        ScoreTable rest = new ScoreTable(ids, labels, scores);
        for (String m : List.of("clean:random", "clean:el2n@2:hard")) {
            Method.Cleaned c = (Method.Cleaned) Method.parse(m);
            StrategySpec st = c.then() instanceof Method.Static s ? s.strategy() : ((Method.Random) c.then()).strategy();
            KeepList expected = Selector.select(rest, st.options(new Budget.Count(150), false, 0));
            RunRecord l = lines.stream().filter(x -> x.method().equals(m)).findFirst().orElseThrow();
            assertThat(l.k()).isEqualTo(150);
            assertThat(l.provenance().keepListSha256()).as(m).isEqualTo(RunRecords.keepListHash(expected.ids(), null));
            assertThat(l.score()).isEqualTo(m.equals("clean:random") ? "random" : "el2n@2");
        }
        // dedup keeps every example in no group and one per group, then draws 150 of them at random
        DuplicateGroups g = NearDuplicates.find(UnitFeatures.of(store, 0), store.ids(), 0.02, 0);
        assertThat(g.groups()).isPositive();
        long[] survivors = g.keptIds();
        RunRecord d = lines.stream().filter(x -> x.method().equals("dedup@0.02:random")).findFirst().orElseThrow();
        KeepList expected = Selector.select(new ScoreTable(survivors, new int[survivors.length], new float[survivors.length]),
                ((Method.Random) Method.parse("random")).strategy().options(new Budget.Count(Math.min(150, survivors.length)),
                        false, 0));
        assertThat(d.k()).isEqualTo(Math.min(150, survivors.length));
        assertThat(d.provenance().keepListSha256()).isEqualTo(RunRecords.keepListHash(expected.ids(), null));
        // the report draws the proxy's data map and says where the 30 flipped labels land
        String page = java.nio.file.Files.readString(Report.write(dir));
        assertThat(dir.resolve("report-files/data-map.png")).exists();
        assertThat(page).contains("Data map of the proxy").contains("Of the 30 flipped labels");
    }

    @Test
    void cleanedMethodsParseTheirCleaningAndWhatFollows() {
        Method.Cleaned d = (Method.Cleaned) Method.parse("dedup:random");
        assertThat(d.cleaning()).isEqualTo(Method.Cleaning.DEDUP);
        assertThat(d.epsilon()).isEqualTo(Method.DEFAULT_DEDUP_EPSILON);
        assertThat(d.needsProxy()).isTrue();
        assertThat(((Method.Cleaned) Method.parse("DEDUP@0.05:el2n@2:hard")).epsilon()).isEqualTo(0.05);
        Method.Cleaned c = (Method.Cleaned) Method.parse("clean:aum:stratified:balanced");
        assertThat(c.cleaning()).isEqualTo(Method.Cleaning.LABEL_ISSUES);
        assertThat(((Method.Static) c.then()).classBalanced()).isTrue();
        assertThat(StudyRunnerTest.spec("clean:el2n@2:hard,dedup:random", "0.5", "0", "epochs", 0).scoreSpecs())
                .extracting(Object::toString).containsExactly("el2n@2");
        assertThatThrownBy(() -> Method.parse("dedup@3:random")).hasMessageContaining("--threshold must be in (0, 2)");
        assertThatThrownBy(() -> Method.parse("clean:")).hasMessageContaining("write clean:random");
        assertThatThrownBy(() -> Method.parse("clean:dynamic:uniform:keep"))
                .hasMessageContaining("after clean: write random or SCORE:STRATEGY");
        assertThatThrownBy(() -> Method.parse("dedup@x:random")).hasMessageContaining("EPS must be a number");
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
