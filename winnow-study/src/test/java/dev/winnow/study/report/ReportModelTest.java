package dev.winnow.study.report;

import dev.winnow.study.StudyResults;
import dev.winnow.study.report.ReportModel.Histogram;
import dev.winnow.study.report.ReportModel.ResultRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportModelTest {
    static String line(String method, double keep, long seed, double acc, double total) {
        return String.format(Locale.ROOT, "{\"method\":\"%s\",\"keep\":%s,\"k\":%d,\"seed\":%d,\"test_accuracy\":%s,"
                        + "\"seconds\":{\"proxy\":0,\"scoring\":0,\"selection\":0,\"training\":%s,\"evaluation\":0,\"total\":%s},"
                        + "\"forward_examples\":100,\"backward_examples\":50}\n",
                method, keep, Math.round(keep * 5), seed, acc, total, total);
    }

    /**
     * A folder without a spec: full (0.90, 0.92; 10 s), random at 30% (0.80) and 50% (0.85, 0.87; 4 s);
     * five examples, ids 1–5, with the labels of ids 1 and 3 flipped, and two scores.
     */
    static Path folder(Path dir) throws Exception {
        Files.writeString(dir.resolve("results.jsonl"), line("full", 1.0, 0, 0.90, 10) + line("full", 1.0, 1, 0.92, 10)
                + line("random", 0.3, 0, 0.80, 3) + line("random", 0.5, 0, 0.85, 4) + line("random", 0.5, 1, 0.87, 4));
        Path scores = Files.createDirectories(dir.resolve("scores/seed-0"));
        Files.writeString(scores.resolve("a.csv"), "id,label,score\n1,0,0.9\n2,0,0.8\n3,1,0.8\n4,1,0.3\n5,0,0.1\n");
        Files.writeString(scores.resolve("a.json"), "{\"score\":\"a\"}");
        Files.writeString(scores.resolve("b.csv"), "id,label,score\n1,0,0.1\n2,0,0.2\n3,1,0.3\n4,1,0.4\n5,0,0.5\n");
        Files.writeString(scores.resolve("b.json"), "{\"score\":\"b\"}");
        Files.createDirectories(dir.resolve("noise"));
        Files.writeString(dir.resolve("noise/seed-0.csv"), "id,label,noisy_label\n1,1,0\n3,0,1\n");
        return dir;
    }

    @Test
    void noiseDetectionByHand(@TempDir Path dir) throws Exception {
        List<NoiseDetection> noise = NoiseDetection.of(StudyResults.read(folder(dir)));
        // a = [0.9, 0.8, 0.8, 0.3, 0.1], flipped ids 1 (0.9) and 3 (0.8): ranks 5 and 3.5, U = 8.5 − 3 = 5.5 of
        // 2·3 pairs; its top 2 (F = 2/5) are 0.9 (flipped) and half of the tied 0.8s (one flipped): 1.5 / 2
        assertThat(noise.get(0)).isEqualTo(new NoiseDetection("a", 5.5 / 6, 0, 0.75, 0.4, 1));
        // b = [0.1 … 0.5]: flipped ids rank 1 and 3, U = 4 − 3 = 1; its top 2 are ids 5 and 4, neither flipped
        assertThat(noise.get(1).auroc()).isCloseTo(1 / 6.0, within(1e-12));
        assertThat(noise.get(1).precisionAtF()).isZero();
    }

    @Test
    void modelOfAFolderWithoutASpec(@TempDir Path dir) throws Exception {
        ReportModel m = ReportModel.of(StudyResults.read(folder(dir)));
        assertThat(m.title()).isEqualTo("Pruning study");
        assertThat(m.settings()).isEmpty();
        assertThat(m.runs()).isEqualTo(5);
        assertThat(m.series()).extracting(ReportModel.Series::method).containsExactly("full", "random");
        assertThat(m.series()).extracting(ReportModel.Series::rgb).containsExactly(0x000000, 0x1f77b4);
        assertThat(m.full().accMean()).isCloseTo(0.91, within(1e-12));
        List<ResultRow> rows = m.results();
        assertThat(rows).extracting(ResultRow::first).containsExactly(true, true, false);
        assertThat(rows.get(0).vsFull()).as("full is not compared with itself").isNaN();
        assertThat(rows.get(0).timesFull()).isEqualTo(1.0);
        // random at 50%: mean 0.86 against 0.91; 4 s against 10 s
        assertThat(rows.get(2).vsFull()).isCloseTo(-0.05, within(1e-12));
        assertThat(rows.get(2).timesFull()).isCloseTo(0.4, within(1e-12));
        // the sentences: full, then 30% and 50% (random is the only method), the cheapest, noise, agreement
        assertThat(m.summary()).hasSize(6);
        assertThat(m.summary().get(3)).isEqualTo("No pruned run came within 1 pt of full-data accuracy.");
        assertThat(m.summary().get(4)).isEqualTo("With 40% of training labels flipped, a finds them best: AUROC 0.917, "
                + "and 75% of its top 40% are flipped labels (chance: AUROC 0.5, 40%).");
        // ranks of a: [5, 3.5, 3.5, 2, 1], of b: [1 … 5]; Σ dx·dy = −9.5, Σ dx² = 9.5, Σ dy² = 10: ρ = −9.5 / √95
        assertThat(m.summary().get(5)).isEqualTo("The scores a and b rank examples most alike (Spearman ρ = -0.97).");
        assertThat(m.scores().names()).containsExactly("a", "b");
        assertThat(m.scores().correlations().get(0)).containsExactly(1.0, -9.5 / Math.sqrt(95));
        assertThat(m.scores().histograms()).extracting(Histogram::file).containsExactly("hist-a.png", "hist-b.png");
        assertThat(m.examples()).as("no examples.json").isNull();
    }

    @Test
    void histogramBinsByHand() {
        // 0 … 4 in 4 bins of width 1: [0,1) holds 0; [1,2) the two 1s; [2,3) nothing; [3,4] 3 and the maximum 4
        Histogram h = Histogram.of("s", "hist-s.png", 0x1f77b4, new float[] {0, 1, 1, 3, 4}, 4);
        assertThat(h.counts()).containsExactly(1.0, 2.0, 0.0, 2.0);
        assertThat(h.width()).isEqualTo(1.0);
        assertThat(List.of(h.lo(), h.hi())).containsExactly(0f, 4f);
        // one value everywhere: everything in the first bin, which is 1 wide
        Histogram flat = Histogram.of("s", "hist-s.png", 0, new float[] {2, 2, 2}, 4);
        assertThat(flat.counts()).containsExactly(3.0, 0.0, 0.0, 0.0);
        assertThat(flat.width()).isEqualTo(1.0);
    }

    @Test
    void summaryKeepsTheSmallestThenThirtyAndFiftyPercent() {
        assertThat(Summary.summaryKeeps(new java.util.TreeSet<>(List.of(0.1, 0.2, 0.3, 0.5, 0.7)))).containsExactly(0.1, 0.3, 0.5);
        assertThat(Summary.summaryKeeps(new java.util.TreeSet<>(List.of(0.2, 0.4, 0.6, 0.8)))).containsExactly(0.2, 0.4, 0.6);
        assertThat(Summary.summaryKeeps(new java.util.TreeSet<>())).isEmpty();
    }
}
