package dev.winnow.select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.WinnowException;
import dev.winnow.io.ScoreTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelectionWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesCsvAndProvenanceBesideIt() throws Exception {
        ScoreTable t = new ScoreTable(new long[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[8], SelectorExamplesTest.SCORES);
        Path scores = dir.resolve("scores.csv");
        t.write(scores, false);
        SelectOptions o = SelectOptions.of(Strategy.CALIBRATED, new Budget.Fraction(0.5), 42);
        Selection s = Selector.select(t, o);
        Path out = dir.resolve("keep.csv");
        SelectionWriter.write(s, o, List.of(SelectionWriter.Input.of("scores", scores)), "1.2.3", out, false);

        assertThat(Files.readString(out)).isEqualTo("id,weight\n0,1\n2,3\n4,3\n5,1\n");
        assertThat(SelectionWriter.provenancePath(out)).isEqualTo(dir.resolve("keep.json"));
        JsonNode j = new ObjectMapper().readTree(dir.resolve("keep.json").toFile());
        assertThat(j.get("strategy").asText()).isEqualTo("calibrated");
        assertThat(j.get("parameters").get("keep").asDouble()).isEqualTo(0.5);
        assertThat(j.get("parameters").get("alpha").asDouble()).isEqualTo(0.5);
        assertThat(j.get("seed").asLong()).isEqualTo(42);
        assertThat(j.get("n").asInt()).isEqualTo(8);
        assertThat(j.get("k").asInt()).isEqualTo(4);
        assertThat(j.get("weightSum").asDouble()).isEqualTo(8.0);
        assertThat(j.get("tool").get("version").asText()).isEqualTo("1.2.3");
        assertThat(j.get("inputs").get(0).get("sha256").asText()).isEqualTo(SelectionWriter.sha256(scores));
        assertThat(j.get("output").get("sha256").asText()).isEqualTo(SelectionWriter.sha256(out));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "scores.csv", "keep.csv", "keep.json");
        }
    }

    @Test
    void refusesExistingOutputsUnlessForced() throws Exception {
        ScoreTable t = new ScoreTable(new long[] {1, 2}, new int[2], new float[] {1f, 2f});
        SelectOptions o = SelectOptions.of(Strategy.HARD, new Budget.Count(1), 0);
        Selection s = Selector.select(t, o);
        Path out = dir.resolve("keep.csv");
        Files.writeString(dir.resolve("keep.json"), "old");
        assertThatThrownBy(() -> SelectionWriter.write(s, o, List.of(), "dev", out, false))
                .isInstanceOf(WinnowException.class).hasMessageContaining("already exists (use --force");
        assertThat(out).doesNotExist();
        SelectionWriter.write(s, o, List.of(), "dev", out, true);
        assertThat(Files.readString(out)).isEqualTo("id,weight\n2,1\n");
        assertThat(Files.readString(dir.resolve("keep.json"))).contains("\"strategy\" : \"hard\"");
    }

    @Test
    void provenanceNameForOtherExtensions() {
        assertThat(SelectionWriter.provenancePath(Path.of("a/keep.txt"))).isEqualTo(Path.of("a/keep.txt.json"));
    }
}
