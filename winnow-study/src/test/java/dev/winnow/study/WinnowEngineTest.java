package dev.winnow.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winnow.dynamics.DynamicsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real engine end to end on a small CSV dataset it trains on with DJL: proxy dynamics recorded by
 * winnow-train, scores and keep-lists from the core, targets trained on the keep-lists (a few seconds).
 */
class WinnowEngineTest {
    static void writeCsv(Path file, int n, long seed) throws Exception {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("f0,f1,f2,f3,f4,f5,label\n");
        for (int i = 0; i < n; i++) {
            int y = i % 3;
            for (int d = 0; d < 6; d++) {
                double centre = d / 2 == y ? 2.0 : 0.0;
                sb.append(String.format(java.util.Locale.ROOT, "%.4f,", centre + r.nextGaussian() * (i % 9 == 0 ? 2.5 : 0.7)));
            }
            sb.append("c").append(y).append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    @Test
    void realEngineRunsAStudyWithNoiseAndAStepBudget(@TempDir Path tmp) throws Exception {
        Path train = tmp.resolve("train.csv");
        Path test = tmp.resolve("test.csv");
        writeCsv(train, 240, 1);
        writeCsv(test, 150, 2);
        Map<String, Object> m = new HashMap<>();
        m.put("data", "csv:" + train + ",test=" + test);
        m.put("model", "mlp");
        m.put("epochs", 3);
        m.put("batch-size", 32);
        m.put("lr", 0.01);
        m.put("proxy-epochs", 2);
        m.put("methods", "random,el2n@2:hard,aum:stratified,el2n@2:calibrated:0.5");
        m.put("keep", "0.5");
        m.put("seeds", "0");
        m.put("budget", "steps");
        m.put("label-noise", 0.1);
        StudySpec spec = StudySpec.fromSettings(m);
        Path dir = tmp.resolve("study");
        StudyEngine engine = new WinnowEngineProvider().create(spec);
        new StudyRunner(engine, new PrintWriter(new StringWriter()), "test").run(spec, dir, StudyRunner.Mode.NEW);

        List<JsonNode> lines = ResultsLog.open(dir.resolve("results.jsonl")).lines();
        assertThat(lines).hasSize(5);
        JsonNode full = lines.get(0);
        assertThat(full.path("method").asText()).isEqualTo("full");
        // full: 3 epochs × ⌈240/32⌉ = 24 steps; every subset of 120 gets the same 24 steps (6 epochs of 4)
        assertThat(full.path("steps").asLong()).isEqualTo(24);
        assertThat(full.path("test_accuracy").asDouble()).as("the MLP learns the blobs").isGreaterThan(0.6);
        assertThat(full.path("counts").path("evaluation").path("forward").asLong()).isEqualTo(150);
        for (JsonNode l : lines.subList(1, lines.size())) {
            assertThat(l.path("k").asInt()).isEqualTo(120);
            assertThat(l.path("steps").asLong()).as(l.path("method").asText()).isEqualTo(24);
            assertThat(l.path("counts").path("training").path("backward").asLong()).isEqualTo(24 * 30);
            assertThat(l.path("test_accuracy").asDouble()).isBetween(0.0, 1.0);
        }
        JsonNode hard = lines.stream().filter(l -> l.path("method").asText().equals("el2n@2:hard")).findFirst().orElseThrow();
        // proxy: 2 epochs × 240 trained, plus the recorder's checkpoint passes over the 240
        assertThat(hard.path("counts").path("proxy").path("backward").asLong()).isEqualTo(2 * 240);
        assertThat(hard.path("counts").path("proxy").path("forward").asLong()).isGreaterThanOrEqualTo(4 * 240);
        // the proxy saw the noisy labels: 24 flipped
        DynamicsStore store = DynamicsStore.open(dir.resolve("proxy/seed-0"));
        assertThat(store.observations()).isNotEmpty();
        assertThat(Files.readAllLines(dir.resolve("noise/seed-0.csv"))).hasSize(1 + 24);
        Path page = Report.write(dir);
        ReportTest.assertSelfContained(dir, Files.readString(page));
    }

    @Test
    void dynamicPoliciesPickEachEpochsExamples(@TempDir Path tmp) throws Exception {
        Path train = tmp.resolve("train.csv");
        Path test = tmp.resolve("test.csv");
        writeCsv(train, 240, 3);
        writeCsv(test, 150, 4);
        Map<String, Object> m = new HashMap<>();
        m.put("data", "csv:" + train + ",test=" + test);
        m.put("epochs", 4);
        m.put("batch-size", 32);
        m.put("lr", 0.01);
        m.put("methods", "dynamic:uniform:keep,dynamic:infobatch:0.5");
        m.put("keep", "0.25");
        StudySpec spec = StudySpec.fromSettings(m);
        assertThat(spec.needsProxy()).isFalse();
        Path dir = tmp.resolve("study");
        new StudyRunner(new WinnowEngineProvider().create(spec), new PrintWriter(new StringWriter()), "test")
                .run(spec, dir, StudyRunner.Mode.NEW);
        List<JsonNode> lines = ResultsLog.open(dir.resolve("results.jsonl")).lines();
        assertThat(lines).extracting(l -> l.path("method").asText() + "@" + l.path("keep").asDouble())
                .containsExactly("full@1.0", "dynamic:uniform:keep@0.25", "dynamic:infobatch:0.5@1.0");
        JsonNode uniform = lines.get(1);
        // a fresh random quarter (60 of 240) every epoch, no proxy
        assertThat(uniform.path("counts").path("training").path("backward").asLong()).isEqualTo(4 * 60);
        assertThat(uniform.path("seconds").path("proxy").asDouble()).isZero();
        assertThat(uniform.path("provenance").path("policy").asText()).isEqualTo("uniform:0.25");
        JsonNode ib = lines.get(2);
        long b = ib.path("counts").path("training").path("backward").asLong();
        // InfoBatch drops some below-mean-loss examples in the early epochs, trains on all at the end
        assertThat(b).isLessThan(4 * 240).isGreaterThan(2 * 240);
        assertThat(ib.path("test_accuracy").asDouble()).isGreaterThan(0.5);
        assertThat(Files.exists(dir.resolve("proxy"))).isFalse();
        ReportTest.assertSelfContained(dir, Files.readString(Report.write(dir)));
    }
}
