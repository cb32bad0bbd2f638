package dev.winnow.study.report;

import dev.winnow.study.StudyFolder;
import dev.winnow.study.StudyResults;
import dev.winnow.study.results.ExtremeExamples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The report's "which examples are hard?" part: for each score, the training examples it ranks hardest
 * and easiest, as image grids or as tables of sentences.
 *
 * @param seed   the seed whose scores ranked them
 * @param images whether they are images (drawn as grids) rather than text
 * @param picks  one per score, in score order
 * @param sheet  the examples' pixels or text, from {@code examples.json}
 */
public record ExampleSection(long seed, boolean images, List<Pick> picks, ExtremeExamples sheet) {
    /** Text rows shown per table. */
    static final int TEXT_ROWS = 10;

    public ExampleSection {
        picks = List.copyOf(picks);
    }

    /** A score's hardest and easiest examples. */
    public record Pick(String score, Side hardest, Side easiest) {
    }

    /**
     * One end of a score's ranking.
     *
     * @param title a caption: "Hardest by aum", "Most forgotten (forgetting)"
     * @param ids   the examples, most extreme first
     * @param file  the grid's image file (images), or {@code null}
     * @param rows  the table rows (text), or empty
     */
    public record Side(String title, List<Long> ids, String file, List<TextRow> rows) {
        public Side {
            ids = List.copyOf(ids);
            rows = List.copyOf(rows);
        }
    }

    /**
     * An example shown as text.
     *
     * @param label   its class, or "true → training" where its label was flipped
     * @param flipped whether its label was flipped
     */
    public record TextRow(long id, String label, String text, boolean flipped) {
    }

    /**
     * The section of {@code res}, or {@code null} when the folder has no scores or no {@code examples.json}
     * with images or text.
     */
    static ExampleSection of(StudyResults res) {
        Path ej = res.dir().resolve("examples.json");
        Map<String, float[]> first = res.firstScores();
        if (!Files.isRegularFile(ej) || first.isEmpty()) {
            return null;
        }
        ExtremeExamples sheet = ExtremeExamples.read(ej);
        boolean images = sheet.kind().equals("image");
        if (!images && !sheet.kind().equals("text")) {
            return null;
        }
        long seed = sheet.seed();
        Map<String, float[]> seedScores = res.scores().getOrDefault(seed, first);
        long[] ids = res.scoreIds(res.scores().containsKey(seed) ? seed : res.scores().keySet().iterator().next());
        List<Pick> picks = new ArrayList<>();
        for (Map.Entry<String, float[]> e : seedScores.entrySet()) {
            String score = e.getKey();
            float[] v = e.getValue();
            Integer[] order = new Integer[v.length];
            for (int j = 0; j < v.length; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Float.compare(v[b], v[a]));
            int n = Math.min(ExtremeExamples.PER_EXTREME, v.length);
            List<Long> hardest = new ArrayList<>();
            List<Long> easiest = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                hardest.add(ids[order[j]]);
                easiest.add(ids[order[v.length - 1 - j]]);
            }
            boolean forgetting = score.startsWith("forgetting");
            String hardTitle = forgetting ? "Most forgotten (" + score + ")" : "Hardest by " + score;
            String easyTitle = forgetting ? "Least forgotten (" + score + ")" : "Easiest by " + score;
            String file = "grid-" + StudyFolder.fileName(score);
            picks.add(new Pick(score, side(sheet, images, hardTitle, hardest, file + "-hardest.png"),
                    side(sheet, images, easyTitle, easiest, file + "-easiest.png")));
        }
        return new ExampleSection(seed, images, picks, sheet);
    }

    private static Side side(ExtremeExamples sheet, boolean images, String title, List<Long> ids, String file) {
        if (images) {
            return new Side(title, ids, file, List.of());
        }
        List<TextRow> rows = new ArrayList<>();
        for (long id : ids.subList(0, Math.min(TEXT_ROWS, ids.size()))) {
            ExtremeExamples.Example e = sheet.example(id);
            if (e == null) {
                continue;
            }
            String label = sheet.className(e.label()) + (e.flipped() ? " → " + sheet.className(e.trainLabel()) : "");
            rows.add(new TextRow(id, label, e.text() == null ? "" : e.text(), e.flipped()));
        }
        return new Side(title, ids, null, rows);
    }
}
