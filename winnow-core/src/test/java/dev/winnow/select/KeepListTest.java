package dev.winnow.select;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeepListTest {
    private static KeepListProvenance.Selected hard(int n) {
        return new KeepListProvenance.Selected(SelectOptions.of(Strategy.HARD, new Budget.Count(3), 0), n, List.of(), null);
    }

    @Test
    void readsWhatSelectWrites(@TempDir Path tmp) throws Exception {
        KeepList sel = KeepList.selected(new long[] {3, 8, 20}, new double[] {1, 2.5, 1}, hard(30));
        Path f = tmp.resolve("keep.csv");
        Files.writeString(f, KeepListWriter.csvText(sel));
        KeepList k = KeepList.read(f);
        assertThat(k.ids()).containsExactly(3, 8, 20);
        assertThat(k.weights()).containsExactly(1.0, 2.5, 1.0);
        assertThat(k.lossWeights()).containsExactly(1f, 2.5f, 1f);
        Files.writeString(f, "id,weight\n5,1\n2,1\n");
        assertThat(KeepList.read(f).weighted()).isFalse();
        assertThat(KeepList.read(f).lossWeights()).isNull();
        assertThat(KeepList.read(f).ids()).containsExactly(2, 5); // sorted by id, whatever the file order
        Files.writeString(f, "id\n7\n\n9\n");
        assertThat(KeepList.read(f).ids()).containsExactly(7, 9);
        Files.writeString(f, "id,weight\n9,0.5\n4,2\n");
        KeepList unsorted = KeepList.read(f);
        assertThat(unsorted.ids()).containsExactly(4, 9);
        assertThat(unsorted.weights()).containsExactly(2.0, 0.5); // weights follow their ids
        assertThat(unsorted.provenance()).isInstanceOf(KeepListProvenance.ReadFromFile.class);
        assertThat(((KeepListProvenance.ReadFromFile) unsorted.provenance()).sha256()).isEqualTo(KeepListWriter.sha256(f));
    }

    @Test
    void badFilesNameTheLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("k.csv");
        for (List<String> c : List.of(
                List.of("id,weight\n1,1\n1,2\n", "k.csv:3: id 1 appears twice"),
                List.of("id,weight\n1,x\n", "k.csv:2: not a number"),
                List.of("id,weight\n1,-1\n", "weight must be finite and >= 0"),
                List.of("id,weight\n1,1e39\n", "k.csv:2: weight must be finite and >= 0, got 1e39"),
                List.of("id,weight\n1\n", "k.csv:2: expected id,weight"),
                List.of("name,score\n", "header must be"),
                List.of("id,weight\n", "no examples"),
                List.of("", "empty keep-list"))) {
            Files.writeString(f, c.get(0));
            assertThatThrownBy(() -> KeepList.read(f)).as(c.get(0)).hasMessageContaining(c.get(1));
        }
        assertThatThrownBy(() -> KeepList.read(tmp.resolve("none.csv"))).hasMessageContaining("none.csv: no such file");
    }

    @Test
    void weightsAllOneAreNoWeights() {
        KeepList ones = KeepList.given("test", new long[] {1, 2}, new double[] {1, 1});
        KeepList none = KeepList.given("test", new long[] {1, 2}, null);
        assertThat(ones.weighted()).isFalse();
        assertThat(ones).isEqualTo(none).hasSameHashCodeAs(none);
        assertThat(ones.weight(1)).isEqualTo(1.0);
        assertThat(ones.weights()).containsExactly(1.0, 1.0);
        assertThat(ones.weightSum()).isEqualTo(2.0);
        KeepList half = KeepList.given("test", new long[] {1, 2}, new double[] {1, 0.5});
        assertThat(half.weighted()).isTrue();
        assertThat(half.weightSum()).isEqualTo(1.5);
        assertThat(half).isNotEqualTo(ones);
    }

    @Test
    void givenListsAreSortedAndCheckedSelectedOnesMustBeAscending() {
        KeepList g = KeepList.given("test", new long[] {30, 10, 20}, new double[] {3, 1, 2});
        assertThat(g.ids()).containsExactly(10, 20, 30);
        assertThat(g.weights()).containsExactly(1.0, 2.0, 3.0);
        assertThat(g.contains(20)).isTrue();
        assertThat(g.contains(15)).isFalse();
        assertThat(g.provenance()).isEqualTo(new KeepListProvenance.Given("test"));
        assertThatThrownBy(() -> KeepList.given("t", new long[] {4, 4}, null)).hasMessageContaining("id 4 appears twice");
        assertThatThrownBy(() -> KeepList.given("t", new long[] {4}, new double[] {Double.NaN}))
                .hasMessageContaining("finite and >= 0");
        assertThatThrownBy(() -> KeepList.given("t", new long[] {4}, new double[] {-1}))
                .hasMessageContaining("finite and >= 0");
        assertThatThrownBy(() -> KeepList.selected(new long[] {2, 1}, null, hard(5))).hasMessageContaining("strictly ascending");
        assertThatThrownBy(() -> KeepList.selected(new long[] {1, 2}, new double[] {1}, hard(5)))
                .hasMessageContaining("weights has 1 values for 2 ids");
    }

    @Test
    void immutableAndEqualOnContent() {
        long[] ids = {1, 5, 9};
        double[] w = {2, 1, 1};
        KeepList a = KeepList.selected(ids, w, hard(10));
        ids[0] = 0;
        w[0] = 7;
        a.ids()[1] = 6;
        a.weights()[1] = 3;
        assertThat(a.ids()).containsExactly(1, 5, 9);
        assertThat(a.weights()).containsExactly(2.0, 1.0, 1.0);
        KeepList b = KeepList.selected(new long[] {1, 5, 9}, new double[] {2, 1, 1}, hard(10));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(KeepList.selected(new long[] {1, 5, 9}, new double[] {2, 1, 1}, hard(11)));
        assertThat(a).isNotEqualTo(KeepList.given("x", new long[] {1, 5, 9}, new double[] {2, 1, 1}));
        assertThat(a.withSources(List.of(), "1.0")).isNotEqualTo(a);
        assertThatThrownBy(() -> KeepList.given("x", new long[] {1}, null).withSources(List.of(), "1.0"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSelectionRecordsOnlyWhatItsStrategyReads() {
        SelectOptions base = SelectOptions.of(Strategy.HARD, new Budget.Fraction(0.5), 3);
        // alpha is calibrated's: for hard it is not part of what happened
        assertThat(new KeepListProvenance.Selected(base.withAlpha(0.3), 10, List.of(), null))
                .isEqualTo(new KeepListProvenance.Selected(base, 10, List.of(), null));
        SelectOptions cal = SelectOptions.of(Strategy.CALIBRATED, new Budget.Fraction(0.5), 3);
        assertThat(new KeepListProvenance.Selected(cal.withAlpha(0.3), 10, List.of(), null))
                .isNotEqualTo(new KeepListProvenance.Selected(cal, 10, List.of(), null));
        assertThatThrownBy(() -> new KeepListProvenance.Selected(base, 0, List.of(), null)).hasMessageContaining("n must be");
    }
}
