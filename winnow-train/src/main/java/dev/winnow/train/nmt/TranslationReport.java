package dev.winnow.train.nmt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.AtomicFiles;
import dev.winnow.score.ScoreOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.md} of a translation study folder: test BLEU and total cost of every method and kept fraction
 * (mean and spread over seeds, against full training and {@code full:shorter}), what each static method keeps
 * and drops (lengths, rare words), and the pairs a proxy score ranks highest and lowest.
 */
public final class TranslationReport {
    private TranslationReport() {
    }

    /** Writes {@code folder/report.md} (atomically) and returns its text. */
    public static String write(Path folder, ParallelText data, List<MethodSpec> methods) {
        List<JsonNode> runs = TranslationStudy.results(folder);
        StringBuilder b = new StringBuilder("# Translation pruning study\n\n");
        b.append(data.description()).append("\n\n");
        b.append("BLEU: corpus BLEU on the test split, sacreBLEU's default definition (13a, 4-gram, exp smoothing), "
                + "greedy decoding. Seconds: wall seconds of training (setup included) + evaluation + selection + "
                + "charged (the whole proxy for a proxy score; the quality score for `external`). Training CPU s: CPU seconds "
                + "of the training and evaluation thread (steadier than wall seconds on a shared machine; the proxy's own "
                + "are in seed-S/proxy-cost.json).\n\n");
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        runs.stream().sorted(Comparator.comparingDouble((JsonNode r) -> -r.get("keep").asDouble())
                        .thenComparing(r -> !r.get("method").asText().startsWith("full"))
                        .thenComparing(r -> r.get("method").asText()))
                .forEach(r -> groups.computeIfAbsent(r.get("method").asText() + "|" + r.get("keep").asDouble(),
                        k -> new ArrayList<>()).add(r));
        double fullBleu = mean(groups.getOrDefault("full|1.0", List.of()), "bleu");
        double fullSecs = mean(groups.getOrDefault("full|1.0", List.of()), "total_seconds");
        b.append("| method | keep | seeds | test BLEU (mean ± sd) | Δ vs full | total s | × full's cost | training CPU s |"
                + " pairs backpropagated |\n|---|---|---|---|---|---|---|---|---|\n");
        for (List<JsonNode> g : groups.values()) {
            JsonNode f = g.get(0);
            double m = mean(g, "bleu");
            double t = mean(g, "total_seconds");
            String cpu = g.stream().allMatch(r -> r.has("cpu_seconds"))
                    ? String.format(Locale.ROOT, "%.0f", mean(g, "cpu_seconds")) : "–";
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %d | %.2f ± %.2f | %+.2f | %.0f | %.2f | %s | %.0f |%n",
                    f.get("method").asText(), f.get("keep").asDouble(), g.size(), m, sd(g, "bleu"), m - fullBleu, t,
                    t / fullSecs, cpu, mean(g, "train_backward")));
        }
        b.append("\n## What each static method keeps and drops (first seed)\n\n");
        b.append(String.format(Locale.ROOT, "Rare: a token seen at most %d times in its language's training text.%n%n",
                PairStats.RARE));
        b.append("| method | keep | set | pairs | source length | target length | rare-token share | pairs with a rare token |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        long firstSeed = runs.isEmpty() ? 0 : runs.get(0).get("seed").asLong();
        for (JsonNode r : runs) {
            if (r.has("kept_stats") && r.get("seed").asLong() == firstSeed) {
                for (String set : List.of("kept", "dropped")) {
                    JsonNode s = r.get(set + "_stats");
                    b.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %d | %.2f | %.2f | %.3f | %.3f |%n",
                            r.get("method").asText(), r.get("keep").asDouble(), set, s.get("pairs").asInt(),
                            s.get("source_length").asDouble(), s.get("target_length").asDouble(),
                            s.get("rare_token_rate").asDouble(), s.get("with_rare").asDouble()));
                }
            }
        }
        for (MethodSpec m : methods) {
            if (m.kind() == MethodSpec.Kind.PROXY) {
                examples(b, folder.resolve("seed-" + firstSeed).resolve("proxy-store"), data, m, firstSeed);
            }
        }
        AtomicFiles.writeString(folder.resolve("report.md"), b.toString());
        return b.toString();
    }

    private static void examples(StringBuilder b, Path store, ParallelText data, MethodSpec m, long seed) {
        if (!Files.isDirectory(store)) {
            return;
        }
        float[] s = m.score().create(ScoreOptions.defaults().withSeed(seed)).compute(DynamicsStore.open(store));
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < s.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -s[i]).thenComparingInt(i -> i));
        b.append("\n## `").append(m.score()).append("`: the pairs ranked highest (kept first) and lowest (dropped first)\n\n");
        b.append("| rank | line | score | source → target |\n|---|---|---|---|\n");
        int k = Math.min(8, s.length / 2);
        for (int j = 0; j < 2 * k; j++) {
            int r = j < k ? j : s.length - 2 * k + j;
            int i = order[r];
            b.append(String.format(Locale.ROOT, "| %d | %d | %.4g | %s → %s |%n", r + 1, i + 1, s[i],
                    cell(data.train().sourceText()[i]), cell(data.train().targetText()[i])));
        }
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    static double mean(List<JsonNode> g, String field) {
        double sum = 0;
        for (JsonNode r : g) {
            sum += r.get(field).asDouble();
        }
        return g.isEmpty() ? Double.NaN : sum / g.size();
    }

    static double sd(List<JsonNode> g, String field) {
        if (g.size() < 2) {
            return 0;
        }
        double m = mean(g, field);
        double ss = 0;
        for (JsonNode r : g) {
            double d = r.get(field).asDouble() - m;
            ss += d * d;
        }
        return Math.sqrt(ss / (g.size() - 1));
    }
}
