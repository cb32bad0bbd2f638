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

class KeepListWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesCsvAndProvenanceBesideIt() throws Exception {
        ScoreTable t = new ScoreTable(new long[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[8], SelectorExamplesTest.SCORES);
        Path scores = dir.resolve("scores.csv");
        t.write(scores, false);
        SelectOptions o = SelectOptions.of(Strategy.CALIBRATED, new Budget.Fraction(0.5), 42);
        KeepList s = Selector.select(t, o).withSources(List.of(KeepListProvenance.Input.of("scores", scores)), "1.2.3");
        Path out = dir.resolve("keep.csv");
        KeepListWriter.write(s, out, false);

        assertThat(Files.readString(out)).isEqualTo("id,weight\n0,1\n2,3\n4,3\n5,1\n");
        assertThat(KeepListWriter.provenancePath(out)).isEqualTo(dir.resolve("keep.json"));
        JsonNode j = new ObjectMapper().readTree(dir.resolve("keep.json").toFile());
        assertThat(j.get("strategy").asText()).isEqualTo("calibrated");
        assertThat(j.get("parameters").get("keep").asDouble()).isEqualTo(0.5);
        assertThat(j.get("parameters").get("alpha").asDouble()).isEqualTo(0.5);
        assertThat(j.get("seed").asLong()).isEqualTo(42);
        assertThat(j.get("n").asInt()).isEqualTo(8);
        assertThat(j.get("k").asInt()).isEqualTo(4);
        assertThat(j.get("weightSum").asDouble()).isEqualTo(8.0);
        assertThat(j.get("tool").get("version").asText()).isEqualTo("1.2.3");
        assertThat(j.get("inputs").get(0).get("sha256").asText()).isEqualTo(KeepListWriter.sha256(scores));
        assertThat(j.get("output").get("sha256").asText()).isEqualTo(KeepListWriter.sha256(out));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "scores.csv", "keep.csv", "keep.json");
        }
    }

    @Test
    void refusesExistingOutputsUnlessForced() throws Exception {
        ScoreTable t = new ScoreTable(new long[] {1, 2}, new int[2], new float[] {1f, 2f});
        SelectOptions o = SelectOptions.of(Strategy.HARD, new Budget.Count(1), 0);
        KeepList s = Selector.select(t, o).withSources(List.of(), "dev");
        Path out = dir.resolve("keep.csv");
        Files.writeString(dir.resolve("keep.json"), "old");
        assertThatThrownBy(() -> KeepListWriter.write(s, out, false))
                .isInstanceOf(WinnowException.class).hasMessageContaining("already exists (use --force");
        assertThat(out).doesNotExist();
        KeepListWriter.write(s, out, true);
        assertThat(Files.readString(out)).isEqualTo("id,weight\n2,1\n");
        assertThat(Files.readString(dir.resolve("keep.json"))).contains("\"strategy\" : \"hard\"");
    }

    @Test
    void provenanceNameForOtherExtensions() {
        assertThat(KeepListWriter.provenancePath(Path.of("a/keep.txt"))).isEqualTo(Path.of("a/keep.txt.json"));
    }

    @Test
    void theToolIsNamedBeforeItsVersionEveryTime() throws Exception {
        ScoreTable t = new ScoreTable(new long[] {1, 2}, new int[2], new float[] {1f, 2f});
        KeepList s = Selector.select(t, SelectOptions.of(Strategy.HARD, new Budget.Count(1), 0)).withSources(List.of(), "9.9");
        Path out = dir.resolve("keep.csv");
        KeepListWriter.write(s, out, false);
        String json = Files.readString(dir.resolve("keep.json"));
        assertThat(json).startsWith("{\n  \"format\" : \"winnow-selection\",\n  \"version\" : 1,\n"
                + "  \"tool\" : {\n    \"name\" : \"winnow\",\n    \"version\" : \"9.9\"\n  },\n");
        byte[] first = Files.readAllBytes(dir.resolve("keep.json"));
        KeepListWriter.write(s, out, true);
        assertThat(Files.readAllBytes(dir.resolve("keep.json"))).isEqualTo(first);
    }

    @Test
    void aWrittenListReadsBackWithItsSelection() throws Exception {
        ScoreTable t = new ScoreTable(new long[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[8], SelectorExamplesTest.SCORES);
        Path scores = dir.resolve("scores.csv");
        t.write(scores, false);
        for (SelectOptions o : List.of(
                SelectOptions.of(Strategy.CALIBRATED, new Budget.Fraction(0.5), 42).withAlpha(0.25),
                SelectOptions.of(Strategy.STRATIFIED, new Budget.Count(3), 1).withBins(2).withDropHardest(0.125),
                SelectOptions.of(Strategy.WINDOW, new Budget.Fraction(0.5), 7).withOffset(0.25).withClassBalanced(true))) {
            KeepList s = Selector.select(t, o).withSources(List.of(KeepListProvenance.Input.of("scores", scores)), "1.2.3");
            Path out = dir.resolve("keep.csv");
            KeepListWriter.write(s, out, true);
            KeepList back = KeepList.read(out);
            assertThat(back.ids()).as(o.toString()).containsExactly(s.ids());
            assertThat(back.weights()).containsExactly(s.weights());
            var file = (KeepListProvenance.ReadFromFile) back.provenance();
            assertThat(file.csv()).isEqualTo(out.toAbsolutePath());
            assertThat(file.selection()).isEqualTo(s.provenance());
        }
    }

    @Test
    void aProvenanceOfAnotherFileIsNotAttachedAndABrokenOneIsRefused() throws Exception {
        ScoreTable t = new ScoreTable(new long[] {1, 2, 3}, new int[3], new float[] {1f, 2f, 3f});
        KeepList s = Selector.select(t, SelectOptions.of(Strategy.HARD, new Budget.Count(2), 0)).withSources(List.of(), "dev");
        Path out = dir.resolve("keep.csv");
        KeepListWriter.write(s, out, false);
        Path json = dir.resolve("keep.json");
        String good = Files.readString(json);
        // the CSV edited by hand after selection: keep.json describes another file
        Files.writeString(out, "id,weight\n3,1\n");
        KeepList edited = KeepList.read(out);
        assertThat(edited.ids()).containsExactly(3);
        assertThat(((KeepListProvenance.ReadFromFile) edited.provenance()).selection()).isNull();
        // this very CSV, but a provenance that contradicts it: one line naming the file and the field
        KeepListWriter.write(s, out, true);
        Files.writeString(json, good.replace("\"k\" : 2", "\"k\" : 5"));
        assertThatThrownBy(() -> KeepList.read(out)).isInstanceOf(WinnowException.class)
                .hasMessageContaining("keep.json: not a valid keep-list provenance (k = 5 but the CSV lists 2 examples)");
        Files.writeString(json, good.replace("\"strategy\" : \"hard\"", "\"strategy\" : \"hardest\""));
        assertThatThrownBy(() -> KeepList.read(out)).hasMessageContaining("keep.json: not a valid keep-list provenance");
        Files.writeString(json, good.replace("\"weighted\" : false", "\"weighted\" : true"));
        assertThatThrownBy(() -> KeepList.read(out)).hasMessageContaining("contradicts strategy hard");
        Files.writeString(json, "not json");
        assertThat(KeepList.read(out).ids()).containsExactly(2, 3);
    }

    @Test
    void onlyASelectedListWithItsSourcesIsWritten() {
        Path out = dir.resolve("keep.csv");
        assertThatThrownBy(() -> KeepListWriter.write(KeepList.given("t", new long[] {1}, null), out, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only a selected keep-list");
        ScoreTable t = new ScoreTable(new long[] {1, 2}, new int[2], new float[] {1f, 2f});
        KeepList noTool = Selector.select(t, SelectOptions.of(Strategy.HARD, new Budget.Count(1), 0));
        assertThatThrownBy(() -> KeepListWriter.write(noTool, out, false)).hasMessageContaining("tool version");
        assertThat(out).doesNotExist();
    }
}
