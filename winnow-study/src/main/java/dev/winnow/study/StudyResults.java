package dev.winnow.study;

import dev.winnow.WinnowException;
import dev.winnow.io.ScoreTable;
import dev.winnow.score.ScoreSpec;
import dev.winnow.study.results.RunRecord;
import dev.winnow.study.results.ScoreCost;
import dev.winnow.study.results.StepCost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * A study folder read back for the report: the runs of {@code results.jsonl} grouped by method and kept
 * fraction (statistics over seeds), the scores per seed, the flipped labels per seed.
 */
public final class StudyResults {
    /** One (method, kept fraction) cell aggregated over seeds. */
    public record Cell(String method, double keep, int seeds, double accMean, double accStd, double accMin,
                       double accMax, double proxy, double scoring, double selection, double training,
                       double evaluation, double total, double cpu, double forward, double backward, double k) {
    }

    private final StudyFolder folder;
    private final StudySpec spec;
    private final List<RunRecord> runs;
    private final Map<String, Map<Double, Cell>> cells = new LinkedHashMap<>();
    private final Map<Long, Map<String, float[]>> scores = new TreeMap<>();
    private final Map<Long, long[]> scoreIds = new TreeMap<>();
    private final Map<Long, int[]> scoreLabels = new TreeMap<>();
    private final Map<Long, Set<Long>> flipped = new TreeMap<>();

    private StudyResults(Path dir) {
        this.folder = new StudyFolder(dir);
        Path sj = folder.studyJson();
        spec = Files.isRegularFile(sj) ? StudySpec.read(sj) : null;
        Path rj = folder.results();
        if (!Files.isRegularFile(rj)) {
            throw new WinnowException(dir + ": no results.jsonl; is this a study folder?");
        }
        runs = ResultsLog.open(rj).runs();
        aggregate();
        readScores();
        readNoise();
    }

    /** Reads the study in {@code dir}. */
    public static StudyResults read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new WinnowException(dir + ": no such study folder");
        }
        return new StudyResults(dir);
    }

    private void aggregate() {
        List<String> order = new ArrayList<>();
        order.add(Method.FULL);
        if (spec != null) {
            spec.methods().forEach(m -> order.add(m.name()));
            order.add(Method.SHORTER);
        }
        Map<String, Map<Double, List<RunRecord>>> groups = new LinkedHashMap<>();
        for (String m : order) {
            groups.put(m, new TreeMap<>());
        }
        for (RunRecord r : runs) {
            groups.computeIfAbsent(r.method(), x -> new TreeMap<>()).computeIfAbsent(r.keep(), x -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, Map<Double, List<RunRecord>>> g : groups.entrySet()) {
            if (g.getValue().isEmpty()) {
                continue;
            }
            Map<Double, Cell> row = new TreeMap<>();
            for (Map.Entry<Double, List<RunRecord>> e : g.getValue().entrySet()) {
                row.put(e.getKey(), cell(g.getKey(), e.getKey(), e.getValue()));
            }
            cells.put(g.getKey(), row);
        }
    }

    private static Cell cell(String method, double keep, List<RunRecord> rs) {
        double[] acc = rs.stream().mapToDouble(RunRecord::testAccuracy).toArray();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double a : acc) {
            min = Math.min(min, a);
            max = Math.max(max, a);
        }
        return new Cell(method, keep, rs.size(), Stats.mean(acc), Stats.std(acc), min, max,
                meanOf(rs, seconds(RunRecord.Seconds::proxy)), meanOf(rs, seconds(RunRecord.Seconds::scoring)),
                meanOf(rs, seconds(RunRecord.Seconds::selection)), meanOf(rs, seconds(RunRecord.Seconds::training)),
                meanOf(rs, seconds(RunRecord.Seconds::evaluation)), meanOf(rs, seconds(RunRecord.Seconds::total)),
                meanOf(rs, r -> r.cpuSeconds() == null ? Double.NaN : r.cpuSeconds().total()),
                meanOf(rs, RunRecord::forwardExamples), meanOf(rs, RunRecord::backwardExamples), meanOf(rs, RunRecord::k));
    }

    /** One phase's wall seconds of a run; NaN for a run that recorded none. */
    private static ToDoubleFunction<RunRecord> seconds(ToDoubleFunction<RunRecord.Seconds> phase) {
        return r -> r.seconds() == null ? Double.NaN : phase.applyAsDouble(r.seconds());
    }

    private static double meanOf(List<RunRecord> rs, ToDoubleFunction<RunRecord> value) {
        double s = 0;
        for (RunRecord r : rs) {
            s += value.applyAsDouble(r);
        }
        return s / rs.size();
    }

    private void readScores() {
        Path sd = folder.dir().resolve("scores");
        if (!Files.isDirectory(sd)) {
            return;
        }
        try (Stream<Path> seeds = Files.list(sd)) {
            for (Path seedDir : seeds.sorted().toList()) {
                String name = seedDir.getFileName().toString();
                if (!name.startsWith("seed-") || !Files.isDirectory(seedDir)) {
                    continue;
                }
                long seed = Long.parseLong(name.substring(5));
                Map<String, float[]> m = new LinkedHashMap<>();
                List<ScoreSpec> specs = spec != null ? spec.scoreSpecs() : List.of();
                Set<String> seen = new HashSet<>();
                for (ScoreSpec s : specs) {
                    Path csv = folder.scoreTable(seed, s);
                    if (Files.isRegularFile(csv)) {
                        ScoreTable t = ScoreTable.read(csv);
                        m.put(s.toString(), t.scores());
                        scoreIds.put(seed, t.ids());
                        scoreLabels.put(seed, t.labels());
                        seen.add(csv.getFileName().toString());
                    }
                }
                try (Stream<Path> files = Files.list(seedDir)) {
                    for (Path f : files.sorted().toList()) {
                        String fn = f.getFileName().toString();
                        if (fn.endsWith(".csv") && !seen.contains(fn)) {
                            Path meta = seedDir.resolve(fn.substring(0, fn.length() - 4) + ".json");
                            String label = Files.isRegularFile(meta) ? labelOf(meta, fn) : fn;
                            ScoreTable t = ScoreTable.read(f);
                            m.put(label, t.scores());
                            scoreIds.put(seed, t.ids());
                            scoreLabels.put(seed, t.labels());
                        }
                    }
                }
                if (!m.isEmpty()) {
                    scores.put(seed, m);
                }
            }
        } catch (IOException e) {
            throw new WinnowException(sd + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The score a table's {@code NAME.json} names, or {@code fallback} where it names none. */
    private static String labelOf(Path meta, String fallback) {
        String score = StepCost.read(meta, ScoreCost.class).score();
        return score == null ? fallback : score;
    }

    private void readNoise() {
        Path nd = folder.dir().resolve("noise");
        if (!Files.isDirectory(nd)) {
            return;
        }
        try (Stream<Path> files = Files.list(nd)) {
            for (Path f : files.sorted().toList()) {
                String fn = f.getFileName().toString();
                if (!fn.startsWith("seed-") || !fn.endsWith(".csv")) {
                    continue;
                }
                long seed = Long.parseLong(fn.substring(5, fn.length() - 4));
                Set<Long> ids = new HashSet<>();
                List<String> lines = Files.readAllLines(f);
                for (String line : lines.subList(1, lines.size())) {
                    if (!line.isBlank()) {
                        ids.add(Long.parseLong(line.substring(0, line.indexOf(','))));
                    }
                }
                flipped.put(seed, ids);
            }
        } catch (IOException | RuntimeException e) {
            throw new WinnowException(nd + ": cannot read the flipped labels (" + e.getMessage() + ")", e);
        }
    }

    /** The study folder. */
    public Path dir() {
        return folder.dir();
    }

    /** The stored spec, or {@code null} when the folder has none. */
    public StudySpec spec() {
        return spec;
    }

    /** The finished runs of {@code results.jsonl}, in file order. */
    public List<RunRecord> runs() {
        return runs;
    }

    /** Method → kept fraction → cell; {@code full} first, then methods in spec order, then {@code full:shorter}. */
    public Map<String, Map<Double, Cell>> cells() {
        return cells;
    }

    /** The full-data baseline cell, or {@code null}. */
    public Cell full() {
        Map<Double, Cell> f = cells.get(Method.FULL);
        return f == null ? null : f.get(1.0);
    }

    /** The cell of {@code method} at {@code keep}, or {@code null}. */
    public Cell cell(String method, double keep) {
        Map<Double, Cell> m = cells.get(method);
        return m == null ? null : m.get(keep);
    }

    /** Seed → score spec → scores (index order of {@link #scoreIds}). */
    public Map<Long, Map<String, float[]>> scores() {
        return scores;
    }

    /** The scores of the first seed that has any (score spec → scores), or an empty map. */
    public Map<String, float[]> firstScores() {
        return scores.isEmpty() ? Map.of() : scores.values().iterator().next();
    }

    /** The example ids of {@code seed}'s scores, in the order of its score arrays. */
    public long[] scoreIds(long seed) {
        return scoreIds.get(seed);
    }

    /** The training labels of {@code seed}'s scores (flipped ones as trained), in the order of its score arrays. */
    public int[] scoreLabels(long seed) {
        return scoreLabels.get(seed);
    }

    /** Seed → ids whose training label was flipped (empty without label noise). */
    public Map<Long, Set<Long>> flipped() {
        return flipped;
    }
}
