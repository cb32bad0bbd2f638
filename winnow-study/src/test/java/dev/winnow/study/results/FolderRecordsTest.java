package dev.winnow.study.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The small JSON files of a study folder: the same text studies have always written, read back into records. */
class FolderRecordsTest {
    @Test
    void proxyCostIsWrittenAsStudiesAlwaysHaveAndReadBack(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("seed-0.json");
        ProxyCost c = new ProxyCost(1.5, 0.25, 1800, 900, 0);
        c.write(f);
        assertThat(Files.readString(f)).isEqualTo("""
                {
                  "seconds" : 1.5,
                  "cpu_seconds" : 0.25,
                  "forward" : 1800,
                  "backward" : 900,
                  "seed" : 0
                }
                """);
        assertThat(StepCost.read(f, ProxyCost.class)).isEqualTo(c);
        // a folder from before CPU time was counted
        Files.writeString(f, "{\"seconds\": 2.0, \"forward\": 10, \"backward\": 5, \"seed\": 1}");
        ProxyCost old = StepCost.read(f, ProxyCost.class);
        assertThat(old.cpuSeconds()).isNaN();
        assertThat(old.seconds()).isEqualTo(2.0);
        // NaN travels as text and comes back
        new ProxyCost(1, Double.NaN, 0, 0, 0).write(f);
        assertThat(Files.readString(f)).contains("\"cpu_seconds\" : \"NaN\"");
        assertThat(StepCost.read(f, ProxyCost.class).cpuSeconds()).isNaN();
    }

    @Test
    void scoreCostNamesItsScore(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("el2n_2.json");
        ScoreCost c = new ScoreCost("el2n@2", 3, 0.5, 0.125, false);
        c.write(f);
        assertThat(Files.readString(f)).isEqualTo("""
                {
                  "score" : "el2n@2",
                  "seed" : 3,
                  "seconds" : 0.5,
                  "cpu_seconds" : 0.125,
                  "report_only" : false
                }
                """);
        assertThat(StepCost.read(f, ScoreCost.class)).isEqualTo(c);
        Files.writeString(f, "{\"score\": \"aum\", \"seed\": 0, \"seconds\": 0.1}");
        assertThat(StepCost.read(f, ScoreCost.class).reportOnly()).isFalse();
        assertThat(StepCost.read(f, ScoreCost.class).cpuSeconds()).isNaN();
    }

    @Test
    void examplesKeepTheirOrderAndLeaveOutWhatTheyDoNotHave(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("examples.json");
        Map<Long, ExtremeExamples.Example> ex = new LinkedHashMap<>();
        ex.put(7L, new ExtremeExamples.Example(1, 0, "AP8=", null));
        ex.put(5L, new ExtremeExamples.Example(0, 0, "AAA=", null));
        ExtremeExamples e = new ExtremeExamples(3, "synthetic", List.of("a", "b"), "image", List.of(1, 2), ex);
        e.write(f);
        assertThat(Files.readString(f)).isEqualTo("{\"seed\":3,\"data\":\"synthetic\",\"class_names\":[\"a\",\"b\"],"
                + "\"kind\":\"image\",\"shape\":[1,2],\"examples\":{\"7\":{\"label\":1,\"train_label\":0,\"pixels\":\"AP8=\"},"
                + "\"5\":{\"label\":0,\"train_label\":0,\"pixels\":\"AAA=\"}}}");
        ExtremeExamples back = ExtremeExamples.read(f);
        assertThat(back.examples().keySet()).containsExactly(7L, 5L);
        assertThat(back.example(7L).flipped()).isTrue();
        assertThat(back.example(7L).pixelBytes()).containsExactly(0, 255);
        new ExtremeExamples(0, "x", List.of(), "none", null, null).write(f);
        assertThat(Files.readString(f)).isEqualTo("{\"seed\":0,\"data\":\"x\",\"class_names\":[],\"kind\":\"none\"}");
    }
}
