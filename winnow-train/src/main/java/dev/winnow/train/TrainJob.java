package dev.winnow.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Signal;
import dev.winnow.io.AtomicFiles;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.policy.FullPolicy;
import dev.winnow.train.data.DataBundle;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * What {@code winnow train} does: trains {@code runs} proxies (seeds seed, seed+1, …) on a dataset,
 * records their dynamics into one store {@code OUT/dynamics/} (format v1) and writes
 * {@code OUT/metrics.json}. With {@code record} off it only trains and writes the metrics.
 * {@code plans} gives each run's {@link EpochPolicy} from the run's seed (all data, a keep-list, or a
 * fresh dynamic policy per run, since a seeded policy drives one run).
 */
public record TrainJob(DataBundle data, String dataSpec, TrainConfig config, int runs, RecordOptions recordOptions,
                       boolean record, LongFunction<EpochPolicy> plans) {
    public static final String STORE = "dynamics";
    public static final String METRICS = "metrics.json";

    public TrainJob {
        if (runs < 1) {
            throw new WinnowException("--runs must be ≥ 1, got " + runs);
        }
        recordOptions.validate(config.epochs());
        if (plans == null) {
            throw new IllegalArgumentException("plans is required (seed -> new FullPolicy(n) for plain training)");
        }
    }

    /** Plain training on all data every epoch. */
    public TrainJob(DataBundle data, String dataSpec, TrainConfig config, int runs, RecordOptions recordOptions,
                    boolean record) {
        this(data, dataSpec, config, runs, recordOptions, record, seed -> new FullPolicy(data.train().size()));
    }

    /** The same job with each run's plan from {@code plans} (applied to the run's seed). */
    public TrainJob withPlans(LongFunction<EpochPolicy> p) {
        return new TrainJob(data, dataSpec, config, runs, recordOptions, record, p);
    }

    /** Trains every run; returns their results. Existing outputs are refused unless {@code force}. */
    public List<TrainResult> execute(Path out, boolean force, PrintWriter progress) {
        Path store = out.resolve(STORE);
        Path metrics = out.resolve(METRICS);
        AtomicFiles.refuseExisting(store, force);
        AtomicFiles.refuseExisting(metrics, force);
        List<TrainResult> results = new ArrayList<>();
        List<String> planNames = new ArrayList<>();
        DynamicsWriter writer = record
                ? DynamicsWriter.create(store, data.train().size(), data.classes(), EnumSet.allOf(Signal.class),
                        recordOptions.logits(), force)
                : null;
        try {
            Recorder recorder = null;
            if (writer != null) {
                writer.labels(data.train().labels()).ids(data.train().ids());
                recorder = new Recorder(writer, recordOptions, data.train());
            }
            for (int r = 0; r < runs; r++) {
                List<TrainingObserver> obs = new ArrayList<>();
                if (recorder != null) {
                    obs.add(recorder);
                }
                if (progress != null) {
                    obs.add(new Progress(progress, runs));
                }
                long seed = config.seed() + r;
                EpochPolicy plan = plans.apply(seed);
                planNames.add(plan.name());
                try (ProxyTrainer t = new ProxyTrainer(data, config.withSeed(seed), r)) {
                    results.add(t.train(plan, obs));
                }
            }
            // the metrics first, the store last: a run killed in between leaves no store without its metrics
            AtomicFiles.writeString(metrics, metricsJson(results, planNames.get(0)));
            if (writer != null) {
                provenance(writer, results, planNames.get(0));
                try {
                    writer.commit();
                } catch (RuntimeException e) {
                    AtomicFiles.deleteQuietly(metrics);
                    throw e;
                }
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        return results;
    }

    private void provenance(DynamicsWriter w, List<TrainResult> results, String plan) {
        w.provenance("tool", "winnow-train");
        w.provenance("dataset", dataSpec);
        w.provenance("dataset_description", data.description());
        w.provenance("model", results.get(0).model());
        w.provenance("config", configMap());
        w.provenance("seeds", results.stream().map(TrainResult::seed).toList());
        w.provenance("policy", plan);
        w.provenance("checkpoints", List.copyOf(recordOptions.checkpoints()));
        w.provenance("presentation", "logits of the training forward pass (train mode, weights before the step's update)");
        w.provenance("checkpoint", "eval-mode pass over the training split after the epoch's last update");
        if (recordOptions.vog()) {
            w.provenance("vog", "mean over input dims of the std across checkpoints of d z_y / d x (Agarwal et al. 2022)");
        }
        if (recordOptions.features()) {
            w.provenance("features", "input h of the linear head at the last checkpoint, per run");
        }
    }

    private Map<String, Object> configMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", config.model().name());
        m.put("hidden", config.model().hidden());
        m.put("embedding", config.model().embedding());
        m.put("dropout", config.model().dropout());
        m.put("optimizer", config.optimizer().json());
        m.put("lr", config.learningRate());
        m.put("momentum", config.momentum());
        m.put("weight_decay", config.weightDecay());
        m.put("schedule", config.schedule().json());
        m.put("epochs", config.epochs());
        m.put("batch_size", config.batchSize());
        m.put("seed", config.seed());
        m.put("runs", runs);
        return m;
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Object> list(TrainResult r, Function<EpochMetrics, Object> f) {
        List<Object> out = new ArrayList<>();
        for (EpochMetrics m : r.epochs()) {
            Object v = f.apply(m);
            out.add(v instanceof Double d ? num(d) : v);
        }
        return out;
    }

    static Map<String, Object> runMap(TrainResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", r.run());
        m.put("seed", r.seed());
        m.put("train_loss", list(r, EpochMetrics::trainLoss));
        m.put("test_accuracy", list(r, EpochMetrics::testAccuracy));
        m.put("examples_forward", list(r, EpochMetrics::examplesForward));
        m.put("examples_backward", list(r, EpochMetrics::examplesBackward));
        m.put("examples_forward_only", list(r, EpochMetrics::forwardOnly));
        m.put("record_forward", list(r, EpochMetrics::recordForward));
        m.put("record_backward", list(r, EpochMetrics::recordBackward));
        m.put("eval_forward", list(r, EpochMetrics::evalForward));
        m.put("wall_seconds", list(r, EpochMetrics::wallSeconds));
        m.put("train_seconds", list(r, EpochMetrics::trainSeconds));
        m.put("record_seconds", list(r, EpochMetrics::recordSeconds));
        m.put("eval_seconds", list(r, EpochMetrics::evalSeconds));
        m.put("refresh_seconds", list(r, EpochMetrics::refreshSeconds));
        m.put("plan_seconds", list(r, EpochMetrics::planSeconds));
        m.put("learning_rate", list(r, EpochMetrics::learningRate));
        m.put("final_test_accuracy", num(r.finalTestAccuracy()));
        m.put("total_examples_backward", r.examplesBackward());
        m.put("total_examples_forward_only", r.forwardOnly());
        m.put("phase_seconds", r.phaseSeconds());
        return m;
    }

    /**
     * metrics.json: the plan ({@code policy}: full, keep-list or a dynamic policy spec), the per-epoch
     * lists of run 0 at the top level, every run under {@code runs}. Per epoch {@code examples_backward}
     * counts examples trained on (forward and backward) and {@code examples_forward_only} the
     * forward-only evaluations a dynamic policy's refresh pass cost.
     */
    String metricsJson(List<TrainResult> results, String plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", dataSpec);
        m.put("dataset", data.description());
        m.put("model", results.get(0).model());
        m.put("config", configMap());
        m.put("policy", plan);
        m.put("store", record ? STORE : null);
        m.putAll(runMap(results.get(0)));
        m.remove("run");
        m.remove("seed");
        List<Object> all = new ArrayList<>();
        for (TrainResult r : results) {
            all.add(runMap(r));
        }
        m.put("runs", all);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
