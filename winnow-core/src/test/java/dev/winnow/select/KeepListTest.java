package dev.winnow.select;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeepListTest {
    @Test
    void readsWhatSelectWrites(@TempDir Path tmp) throws Exception {
        Selection sel = new Selection(new long[] {3, 8, 20}, new double[] {1, 2.5, 1}, 30);
        Path f = tmp.resolve("keep.csv");
        Files.writeString(f, SelectionWriter.csvText(sel));
        KeepList k = KeepList.read(f);
        assertThat(k.ids()).containsExactly(3, 8, 20);
        assertThat(k.weights()).containsExactly(1f, 2.5f, 1f);
        Files.writeString(f, "id,weight\n5,1\n2,1\n");
        assertThat(KeepList.read(f).weights()).isNull();
        assertThat(KeepList.read(f).ids()).containsExactly(5, 2);
        Files.writeString(f, "id\n7\n\n9\n");
        assertThat(KeepList.read(f).ids()).containsExactly(7, 9);
    }

    @Test
    void badFilesNameTheLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("k.csv");
        for (List<String> c : List.of(
                List.of("id,weight\n1,1\n1,2\n", "k.csv:3: id 1 appears twice"),
                List.of("id,weight\n1,x\n", "k.csv:2: not a number"),
                List.of("id,weight\n1,-1\n", "weight must be finite and >= 0"),
                List.of("id,weight\n1\n", "k.csv:2: expected id,weight"),
                List.of("name,score\n", "header must be"),
                List.of("id,weight\n", "no examples"),
                List.of("", "empty keep-list"))) {
            Files.writeString(f, c.get(0));
            assertThatThrownBy(() -> KeepList.read(f)).as(c.get(0)).hasMessageContaining(c.get(1));
        }
        assertThatThrownBy(() -> KeepList.read(tmp.resolve("none.csv"))).hasMessageContaining("none.csv: no such file");
    }
}
