package dev.winnow.train.nmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;
import dev.winnow.io.FolderLock;
import dev.winnow.io.ScoreTable;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.policy.FixedPolicy;
import dev.winnow.policy.FullPolicy;
import dev.winnow.policy.StepLimitedPolicy;
import dev.winnow.score.ScoreOptions;
import dev.winnow.select.Budget;
import dev.winnow.select.KeepList;
import dev.winnow.select.Selector;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pruning study on a translation corpus, judged by test BLEU with every cost counted (DESIGN "Cost
 * accounting"), for the setting Checkpoints Across Time was made for (Chimoto et al. 2024, "Critical Learning
 * Periods: Leveraging Early Training Dynamics for Efficient Data Pruning"): per seed, full training; a proxy (the same model, {@code proxyEpochs} epochs) whose per-pair
 * losses, presentations and a checkpoint pass each epoch, go to a loss-only dynamics store; then every method at
 * every kept fraction, and {@code full:shorter} (all pairs for ⌈keep · steps of full⌉ steps). A proxy-scored
 * method is charged the proxy's whole cost, {@code external} the time of its quality score. One JSON line per run
 * goes to {@code results.jsonl} as it finishes; a study run again with the same folder skips the runs it finds
 * there (and reuses a committed proxy store), so it resumes where it stopped. {@link TranslationReport} writes
 * {@code report.md} from the folder.
 */
public final class TranslationStudy {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param data        the {@code pairs:} spec (with a test split)
     * @param dims        model sizes (target and proxy)
     * @param epochs      target epochs on full data (pruned runs train as many epochs on their subset)
     * @param batchSize   pairs per step
     * @param lr          Adam's learning rate
     * @param proxyEpochs epochs of the recording proxy (its checkpoints are epochs 1..proxyEpochs)
     * @param methods     the methods (full and full:shorter are implicit)
     * @param keeps       kept fractions in (0, 1)
     * @param seeds       seeds
     * @param evalEvery   BLEU after every evalEvery-th epoch and the last (0 = the last only)
     */
    public record Options(String data, Seq2SeqNet.Dims dims, int epochs, int batchSize, float lr, int proxyEpochs,
                          List<MethodSpec> methods, List<Double> keeps, List<Long> seeds, int evalEvery) {
        public Options {
            methods = List.copyOf(methods);
            keeps = List.copyOf(keeps);
            seeds = List.copyOf(seeds);
            for (double k : keeps) {
                if (!(k > 0 && k < 1)) {
                    throw new IllegalArgumentException("--keep: each fraction must be in (0, 1), got " + k);
                }
            }
            if (seeds.isEmpty() || keeps.isEmpty() || epochs < 1 || proxyEpochs < 1) {
                throw new IllegalArgumentException("give at least one seed and kept fraction; epochs ≥ 1");
            }
        }

        Seq2SeqTrainer.Config target(int epochs, long seed) {
            return new Seq2SeqTrainer.Config(dims, epochs, batchSize, lr, 1f, evalEvery, seed);
        }

        boolean needsProxy() {
            return methods.stream().anyMatch(m -> m.kind() == MethodSpec.Kind.PROXY);
        }
    }

    private final Options options;
    private final ParallelText data;
    private final Path out;
    private final PrintWriter log;
    private final Map<String, JsonNode> done = new LinkedHashMap<>();

    public TranslationStudy(Options options, ParallelText data, Path out, PrintWriter log) {
        if (data.test().size() == 0) {
            throw new WinnowException(options.data() + ": a translation study needs test=SRC,TGT to compute BLEU on");
        }
        this.options = options;
        this.data = data;
        this.out = out;
        this.log = log;
    }

    /** Runs every run not yet in {@code results.jsonl}; returns the number of runs made now. */
    public int run() {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("data.txt"), data.description() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WinnowException(out + ": cannot read or write the study folder (" + e.getMessage() + ")", e);
        }
        warmUp();
        int made = 0;
        for (long seed : options.seeds()) {
            // Seeds may run in parallel processes on one folder (scripts/translation-study.sh); one seed may not.
            // The runs already made are read under the seed's lock, so a run another process just finished is seen.
            try (FolderLock lock = FolderLock.take(out, out.resolve(".lock-seed-" + seed),
                    "winnow translate study of seed " + seed)) {
                readDone();
                made += runSeed(seed);
            }
        }
        return made;
    }

    private void readDone() {
        Path results = out.resolve("results.jsonl");
        try {
            if (Files.exists(results)) {
                for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        JsonNode r = JSON.readTree(line);
                        done.put(key(r.get("seed").asLong(), r.get("method").asText(), r.get("keep").asDouble()), r);
                    }
                }
            }
        } catch (IOException e) {
            throw new WinnowException(results + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private int runSeed(long seed) {
        int n = data.train().size();
        int made = 0;
        JsonNode full = done.get(key(seed, "full", 1.0));
        if (full == null) {
            full = record(seed, "full", 1.0, n, train(new FullPolicy(n), options.epochs(), seed), 0, 0, null);
            made++;
        }
        long fullSteps = full.get("steps").asLong();
        Proxy proxy = options.needsProxy() ? proxy(seed) : null;
        QualityScore.Values quality = null;
        double qualitySeconds = 0;
        for (double keep : options.keeps()) {
            String shorter = "full:shorter";
            if (!done.containsKey(key(seed, shorter, keep))) {
                long steps = (long) Math.ceil(keep * fullSteps);
                EpochPolicy p = new StepLimitedPolicy(new FullPolicy(n), options.batchSize(), steps, seed);
                record(seed, shorter, keep, n, train(p, options.epochs(), seed), 0, 0, null);
                made++;
            }
            for (MethodSpec m : options.methods()) {
                double k = m.usesKeep() ? keep : 1.0;
                if (done.containsKey(key(seed, m.name(), k)) || (!m.usesKeep() && keep != options.keeps().get(0))) {
                    continue;
                }
                if (m.kind() == MethodSpec.Kind.DYNAMIC) {
                    EpochPolicy p = m.policy().atKeep(k).build(n, seed);
                    record(seed, m.name(), k, n, train(p, options.epochs(), seed), 0, 0, null);
                    made++;
                    continue;
                }
                double charged = 0;
                long t0 = System.nanoTime();
                float[] scores;
                switch (m.kind()) {
                    case RANDOM -> scores = new float[n];
                    case LONGEST -> scores = lengths();
                    case EXTERNAL -> {
                        if (quality == null) {
                            quality = QualityScore.of(data.train());
                            qualitySeconds = (System.nanoTime() - t0) / 1e9;
                            writeQuality(quality);
                        }
                        t0 = System.nanoTime();
                        charged = qualitySeconds;
                        scores = new float[n];
                        for (int i = 0; i < n; i++) {
                            scores[i] = (float) -quality.quality()[i];
                        }
                    }
                    case PROXY -> {
                        scores = m.score().create(ScoreOptions.defaults().withSeed(seed)).compute(DynamicsStore.open(proxy.store()));
                        charged = proxy.seconds();
                    }
                    default -> throw new IllegalStateException(m.kind().toString());
                }
                KeepList kept = Selector.select(new ScoreTable(ids(), new int[n], scores),
                        m.strategy().options(new Budget.Fraction(k), false, seed));
                double selectSeconds = (System.nanoTime() - t0) / 1e9;
                EpochPolicy p = FixedPolicy.of(kept, ids());
                record(seed, m.name(), k, n, train(p, options.epochs(), seed), selectSeconds, charged, kept);
                made++;
            }
        }
        return made;
    }

    /**
     * Loads the native engine and trains a few untimed steps, so that the first timed run (full training) does not
     * pay for what every later run finds ready (the same reason as the DJL study engine's warm-up).
     */
    private void warmUp() {
        int k = Math.min(data.train().size(), 2 * options.batchSize());
        int[] first = java.util.stream.IntStream.range(0, k).toArray();
        Seq2SeqTrainer.Config c = new Seq2SeqTrainer.Config(options.dims(), 1, options.batchSize(), options.lr(), 1f, -1, 0);
        try (Seq2SeqTrainer t = new Seq2SeqTrainer(data, c)) {
            t.train(new FixedPolicy(data.train().size(), dev.winnow.policy.EpochPlan.of(first), "warm-up"), null);
        }
    }

    /** The proxy of a seed: trained (or found committed) with its cost. */
    private record Proxy(Path store, double seconds) {
    }

    private Proxy proxy(long seed) {
        Path store = out.resolve("seed-" + seed).resolve("proxy-store");
        Path cost = out.resolve("seed-" + seed).resolve("proxy-cost.json");
        try {
            if (Files.isDirectory(store) && Files.isRegularFile(cost)) {
                return new Proxy(store, JSON.readTree(cost.toFile()).get("seconds").asDouble());
            }
            Files.createDirectories(store.getParent());
        } catch (IOException e) {
            throw new WinnowException(cost + ": cannot read (" + e.getMessage() + ")", e);
        }
        int n = data.train().size();
        log.printf("seed %d: proxy, %d epochs recording per-pair loss%n", seed, options.proxyEpochs());
        log.flush();
        Seq2SeqTrainer.Config c = new Seq2SeqTrainer.Config(options.dims(), options.proxyEpochs(), options.batchSize(),
                options.lr(), 1f, -1, seed * 1000 + 7);
        Seq2SeqTrainer.Outcome o;
        try (DynamicsWriter w = DynamicsWriter.create(store, n, 1, EnumSet.of(Signal.LOSS), false, false);
             Seq2SeqTrainer t = new Seq2SeqTrainer(data, c)) {
            w.labels(new int[n]).ids(ids());
            o = t.train(new FullPolicy(n), new Seq2SeqTrainer.LossObserver() {
                @Override
                public void presentations(int epoch, float[] losses) {
                    w.observeSignals(new Observation(0, epoch, ObservationKind.PRESENTATION), Map.of(Signal.LOSS, losses), null);
                }

                @Override
                public void checkpoint(int epoch, float[] losses) {
                    w.observeSignals(new Observation(0, epoch, ObservationKind.CHECKPOINT), Map.of(Signal.LOSS, losses), null);
                }
            });
            w.provenance("tool", "winnow translation study").provenance("dataset", options.data())
                    .provenance("model", t.net().description()).provenance("seed", seed)
                    .provenance("signal", "loss = mean token cross-entropy of the target sentence");
            w.commit();
        }
        double secs = o.trainSeconds() + o.recordSeconds();
        ObjectNode c2 = JSON.createObjectNode().put("seconds", secs).put("train_seconds", o.trainSeconds())
                .put("record_seconds", o.recordSeconds()).put("cpu_seconds", o.cpuSeconds())
                .put("forward", o.trainForward() + o.recordForward())
                .put("backward", o.trainBackward());
        dev.winnow.io.AtomicFiles.writeString(cost, c2.toPrettyString() + "\n");
        return new Proxy(store, secs);
    }

    private Seq2SeqTrainer.Outcome train(EpochPolicy policy, int epochs, long seed) {
        try (Seq2SeqTrainer t = new Seq2SeqTrainer(data, options.target(epochs, seed))) {
            return t.train(policy, null);
        }
    }

    private JsonNode record(long seed, String method, double keep, int n, Seq2SeqTrainer.Outcome o,
                            double selectSeconds, double charged, KeepList kept) {
        ObjectNode r = JSON.createObjectNode();
        r.put("seed", seed).put("method", method).put("keep", keep).put("bleu", o.score());
        r.put("brevity_penalty", o.bleu().brevityPenalty()).put("hyp_len", o.bleu().hypothesisLength())
                .put("ref_len", o.bleu().referenceLength());
        r.put("train_seconds", o.trainSeconds()).put("eval_seconds", o.evalSeconds())
                .put("select_seconds", selectSeconds).put("charged_seconds", charged)
                .put("total_seconds", o.trainSeconds() + o.evalSeconds() + selectSeconds + charged)
                .put("cpu_seconds", o.cpuSeconds());
        r.put("train_forward", o.trainForward()).put("train_backward", o.trainBackward())
                .put("eval_forward", o.evalForward()).put("steps", o.steps());
        var curve = r.putArray("curve");
        for (Seq2SeqTrainer.CurvePoint p : o.curve()) {
            curve.addObject().put("epoch", p.epoch()).put("bleu", p.bleu()).put("seconds", p.seconds())
                    .put("backward", p.backward());
        }
        var loss = r.putArray("train_loss");
        for (double l : o.trainLoss()) {
            loss.add(l);
        }
        if (kept != null) {
            r.put("kept", kept.size());
            boolean[] in = new boolean[n];
            for (long id : kept.ids()) {
                in[(int) id] = true;
            }
            r.set("kept_stats", PairStats.of(data, in, true).toJson());
            r.set("dropped_stats", PairStats.of(data, in, false).toJson());
        }
        try {
            Files.writeString(out.resolve("results.jsonl"), JSON.writeValueAsString(r) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new WinnowException(out + "/results.jsonl: cannot append (" + e.getMessage() + ")", e);
        }
        done.put(key(seed, method, keep), r);
        log.printf("seed %d %-22s keep %.2f: BLEU %.2f, %.0f s train + %.0f s eval + %.0f s charged%n", seed, method,
                keep, o.score(), o.trainSeconds(), o.evalSeconds(), charged + selectSeconds);
        log.flush();
        return r;
    }

    private void writeQuality(QualityScore.Values q) {
        StringBuilder b = new StringBuilder("id,neg_quality,quality,adequacy,length_z\n");
        for (int i = 0; i < q.quality().length; i++) {
            b.append(i).append(',').append((float) -q.quality()[i]).append(',').append((float) q.quality()[i])
                    .append(',').append((float) q.adequacy()[i]).append(',').append((float) q.lengthZ()[i]).append('\n');
        }
        dev.winnow.io.AtomicFiles.writeString(out.resolve("external-quality.csv"), b.toString());
    }

    private float[] lengths() {
        int n = data.train().size();
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = data.train().source()[i].length + data.train().target()[i].length;
        }
        return s;
    }

    private long[] ids() {
        long[] ids = new long[data.train().size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return ids;
    }

    static String key(long seed, String method, double keep) {
        return seed + "|" + method + "|" + keep;
    }

    /** The runs in a study folder's {@code results.jsonl}. */
    public static List<JsonNode> results(Path folder) {
        List<JsonNode> out = new ArrayList<>();
        Path f = folder.resolve("results.jsonl");
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new WinnowException(f + ": cannot read (" + e.getMessage() + ")", e);
        }
        return out;
    }
}
