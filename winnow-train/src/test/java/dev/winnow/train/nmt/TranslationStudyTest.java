package dev.winnow.train.nmt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.FolderLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranslationStudyTest {
    @TempDir
    Path dir;

    @Test
    void everyMethodRunsWithItsCostsAndAResumeMakesNothingNew() throws IOException {
        ParallelText data = ParallelText.load(SyntheticPairs.write(dir, 120, 10, 5));
        List<MethodSpec> methods = List.of(MethodSpec.parse("random"), MethodSpec.parse("longest"),
                MethodSpec.parse("external"), MethodSpec.parse("cat@2:hard"), MethodSpec.parse("dynamic:uniform:keep"));
        TranslationStudy.Options o = new TranslationStudy.Options("synthetic", new Seq2SeqNet.Dims(16, 16, 0f), 2, 16,
                0.01f, 2, methods, List.of(0.5), List.of(0L), 0);
        Path out = dir.resolve("study");
        StringWriter log = new StringWriter();
        assertEquals(7, new TranslationStudy(o, data, out, new PrintWriter(log)).run());
        Map<String, JsonNode> runs = new HashMap<>();
        for (JsonNode r : TranslationStudy.results(out)) {
            runs.put(r.get("method").asText(), r);
        }
        assertEquals(List.of("cat@2:hard", "dynamic:uniform:keep", "external", "full", "full:shorter", "longest", "random"),
                runs.keySet().stream().sorted().toList());
        long fullSteps = runs.get("full").get("steps").asLong();
        assertEquals(2L * ((120 + 15) / 16), fullSteps);
        assertTrue(runs.get("full").get("cpu_seconds").asDouble() > 0, "CPU seconds are recorded");
        assertEquals((long) Math.ceil(0.5 * fullSteps), runs.get("full:shorter").get("steps").asLong());
        for (String m : List.of("random", "longest", "external", "cat@2:hard")) {
            JsonNode r = runs.get(m);
            assertEquals(60, r.get("kept").asInt(), m);
            assertEquals(60, r.get("kept_stats").get("pairs").asInt(), m);
            assertEquals(60, r.get("dropped_stats").get("pairs").asInt(), m);
            assertEquals(2 * 60, r.get("train_backward").asLong(), m);
            double parts = r.get("train_seconds").asDouble() + r.get("eval_seconds").asDouble()
                    + r.get("select_seconds").asDouble() + r.get("charged_seconds").asDouble();
            assertEquals(parts, r.get("total_seconds").asDouble(), 1e-9, m);
        }
        JsonNode longest = runs.get("longest");
        assertTrue(longest.get("kept_stats").get("source_length").asDouble()
                > longest.get("dropped_stats").get("source_length").asDouble());
        assertTrue(runs.get("cat@2:hard").get("charged_seconds").asDouble() > 0, "the proxy is charged to cat");
        assertEquals(0.0, runs.get("random").get("charged_seconds").asDouble());

        DynamicsStore store = DynamicsStore.open(out.resolve("seed-0").resolve("proxy-store"));
        assertEquals(List.of("loss"), store.manifest().signals());
        assertEquals(1, store.classes());
        assertEquals(4, store.observations().size(), "a presentation and a checkpoint row per proxy epoch");
        assertTrue(Files.isRegularFile(out.resolve("external-quality.csv")));

        assertEquals(0, new TranslationStudy(o, data, out, new PrintWriter(new StringWriter())).run());
        String md = TranslationReport.write(out, data, methods);
        assertTrue(md.contains("| full | 1.00 | 1 |"), md);
        assertTrue(md.contains("| cat@2:hard | 0.50 | kept | 60 |"), md);
        assertTrue(md.contains("`cat@2`: the pairs ranked highest"), md);
        assertTrue(Files.isRegularFile(out.resolve("report.md")));
    }

    @Test
    void aSeedAnotherProcessRunsIsRefusedAndAnotherSeedRuns() throws IOException {
        ParallelText data = ParallelText.load(SyntheticPairs.write(dir, 40, 10, 6));
        Path out = dir.resolve("study");
        TranslationStudy.Options seeds01 = new TranslationStudy.Options("synthetic", new Seq2SeqNet.Dims(8, 8, 0f), 1,
                16, 0.01f, 1, List.of(MethodSpec.parse("random")), List.of(0.5), List.of(1L, 0L), 0);
        TranslationStudy.Options seed1 = new TranslationStudy.Options("synthetic", new Seq2SeqNet.Dims(8, 8, 0f), 1,
                16, 0.01f, 1, List.of(MethodSpec.parse("random")), List.of(0.5), List.of(1L), 0);
        try (FolderLock held = FolderLock.take(out, out.resolve(".lock-seed-0"), "test")) {
            // Seed 1 runs (3 runs: full, full:shorter, random) before seed 0's lock refuses the rest.
            WinnowException e = assertThrows(WinnowException.class,
                    () -> new TranslationStudy(seeds01, data, out, new PrintWriter(new StringWriter())).run());
            assertEquals(out + ": another winnow translate study of seed 0 is running in this folder (pid "
                    + ProcessHandle.current().pid() + "); wait for it to end, or use another folder", e.getMessage());
            assertEquals(3, TranslationStudy.results(out).size(), "seed 1 ran while seed 0 was held");
            assertEquals(0, new TranslationStudy(seed1, data, out, new PrintWriter(new StringWriter())).run());
        }
        assertEquals(3, new TranslationStudy(seeds01, data, out, new PrintWriter(new StringWriter())).run(),
                "seed 0's runs, once its lock is free; seed 1's are not made again");
        assertEquals(6, TranslationStudy.results(out).size());
    }
}
