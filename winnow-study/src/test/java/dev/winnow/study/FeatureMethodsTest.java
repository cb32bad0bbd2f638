package dev.winnow.study;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.ScoreTable;
import dev.winnow.select.Budget;
import dev.winnow.select.FeatureSelector;
import dev.winnow.select.Features;
import dev.winnow.select.KeepList;
import dev.winnow.study.results.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The feature strategies as study methods: written, recorded by the proxy, selected by the core's FeatureSelector. */
class FeatureMethodsTest {
    @Test
    void featureMethodsParse() {
        Method.Static k = (Method.Static) Method.parse("kcenter");
        assertThat(k.score()).isNull();
        assertThat(k.needsScore()).isFalse();
        assertThat(k.needsFeatures()).isTrue();
        assertThat(k.needsProxy()).isTrue();
        assertThat(k.classBalanced()).isFalse();
        assertThat(((Method.Static) Method.parse("kcenter:balanced")).classBalanced()).isTrue();
        Method.Static d2 = (Method.Static) Method.parse("el2n@2:d2:3:0.5:balanced");
        assertThat(d2.needsScore()).isTrue();
        assertThat(d2.needsFeatures()).isTrue();
        assertThat(d2.strategy().value("neighbours")).isEqualTo(3.0);
        assertThat(d2.strategy().value("gamma")).isEqualTo(0.5);
        assertThat(d2.writtenParameters()).containsExactly(3.0, 0.5);
        assertThatThrownBy(() -> Method.parse("d2")).hasMessageStartingWith("method 'd2': write SCORE:STRATEGY");
        assertThatThrownBy(() -> Method.parse("kcenter:3")).hasMessageContaining("kcenter expects 0 parameters");
        assertThat(StudyRunnerTest.spec("random,el2n@2:hard", "0.3", "0", "epochs", 0).needsFeatures()).isFalse();
        assertThat(StudyRunnerTest.spec("random,moderate", "0.3", "0", "epochs", 0).needsFeatures()).isTrue();
    }

    @Test
    void studyKeepListsAreTheCoreFeatureSelections(@TempDir Path tmp) {
        SoftmaxWorld w = new SoftmaxWorld(240, 4, 5);
        Path dir = tmp.resolve("s");
        StudySpec spec = StudyRunnerTest.spec("kcenter,moderate,el2n@2:d2:3:1:balanced", "0.25", "0", "epochs", 0);
        new StudyRunner(w.engine(), new PrintWriter(new StringWriter()), "test").run(spec, dir, StudyFolder.Mode.NEW);
        List<RunRecord> lines = ResultsLog.open(dir.resolve("results.jsonl")).runs();
        // full, three methods at 25 %, full:shorter at 25 %
        assertThat(lines).hasSize(5);
        DynamicsStore store = DynamicsStore.open(new StudyFolder(dir).proxyStore(0));
        Features f = Features.fromStore(store, 0);
        ScoreTable el2n = ScoreTable.read(dir.resolve("scores/seed-0/el2n_2.csv"));
        for (String m : List.of("kcenter", "moderate", "el2n@2:d2:3:1:balanced")) {
            RunRecord l = lines.stream().filter(x -> x.method().equals(m)).findFirst().orElseThrow();
            Method.Static method = (Method.Static) Method.parse(m);
            KeepList expected = FeatureSelector.select(el2n, f,
                    method.strategy().options(new Budget.Fraction(0.25), method.classBalanced(), 0));
            assertThat(l.k()).as(m).isEqualTo(60);
            assertThat(l.strategy()).as(m).isEqualTo(method.strategy().strategy().cliName());
            assertThat(l.provenance().keepListSha256()).as(m)
                    .isEqualTo(RunRecords.keepListHash(expected.ids(), null));
        }
        assertThat(lines.stream().filter(x -> x.method().equals("kcenter")).findFirst().orElseThrow().score()).isNull();
    }
}
