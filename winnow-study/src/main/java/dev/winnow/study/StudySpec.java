package dev.winnow.study;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.WinnowException;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything that defines a pruning study: the data, the target and proxy training, the methods, kept
 * fractions and seeds. The same keys work in a JSON or YAML file and as command-line flags
 * ({@code proxy-epochs} ⇔ {@code --proxy-epochs}): Jackson binds this record from the settings tree (see
 * {@link SpecBinding}) and every value is validated in the constructor, so a study never starts from a bad spec.
 *
 * @param data         dataset spec for the training module ({@code fashion-mnist}, {@code text:...})
 * @param limit        use only the first {@code limit} training examples (0 = all)
 * @param model        target (and proxy) model name ({@code mlp}, {@code cnn}, …)
 * @param epochs       target training epochs (on the full data; see {@link TrainingBudget})
 * @param batchSize    examples per optimizer step
 * @param lr           learning rate
 * @param optimizer    {@code adam} or {@code sgd}
 * @param evalEvery    evaluate each target on the test split after every {@code evalEvery}-th epoch and after
 *                     the last (0 = after the last only): the points of its learning curve, and the cost of
 *                     evaluating (counted as evaluation, not training)
 * @param proxyModel   the proxy's model name; absent = the target {@code model}
 * @param proxyHidden  the proxy's hidden sizes ({@code 256,128}, as {@code winnow train --hidden}); empty = the
 *                     proxy model's own
 * @param proxyEpochs  epochs of each proxy run that records dynamics
 * @param proxyLimit   the proxy trains on this seeded fraction of the training set, in (0, 1] (the examples
 *                     with the smallest random keys under the seed, as random selection keeps them), then
 *                     observes every example in a forward pass at each epoch, counted in its cost
 * @param proxyRuns    proxy runs per seed (scores average over runs)
 * @param methods      the pruning methods, parsed (the {@link Method.Full full} baseline is implicit)
 * @param keep         kept fractions, each in (0, 1)
 * @param seeds        seeds; each seed gets its own proxy, label noise, selections and target runs
 * @param budget       how long the target trains on a subset
 * @param labelNoise   fraction of training labels flipped to another class (0 = none)
 */
@JsonPropertyOrder({"data", "limit", "model", "epochs", "batch-size", "lr", "optimizer", "eval-every", "proxy-model",
    "proxy-hidden", "proxy-epochs", "proxy-limit", "proxy-runs", "methods", "keep", "seeds", "budget", "label-noise"})
public record StudySpec(String data, int limit, String model, int epochs, int batchSize, double lr,
                        String optimizer, int evalEvery, String proxyModel,
                        @JsonDeserialize(using = SpecBinding.Sizes.class) List<Integer> proxyHidden,
                        int proxyEpochs, double proxyLimit, int proxyRuns,
                        @JsonDeserialize(using = SpecBinding.Methods.class) List<Method> methods,
                        @JsonDeserialize(using = SpecBinding.Numbers.class) List<Double> keep,
                        @JsonDeserialize(using = SpecBinding.WholeNumbers.class) List<Long> seeds,
                        TrainingBudget budget, double labelNoise) {

    /** The keys of a spec file, in the order they are written. */
    public static final List<String> KEYS = List.of("data", "limit", "model", "epochs", "batch-size", "lr",
            "optimizer", "eval-every", "proxy-model", "proxy-hidden", "proxy-epochs", "proxy-limit", "proxy-runs",
            "methods", "keep", "seeds", "budget", "label-noise");

    public StudySpec {
        methods = methods == null ? List.of() : methods;
        keep = keep == null ? List.of() : keep;
        seeds = seeds == null ? List.of() : seeds;
        data = data == null ? null : data.strip();
        model = model == null ? null : model.strip();
        proxyModel = proxyModel == null || proxyModel.isBlank() ? model : proxyModel.strip();
        proxyHidden = proxyHidden == null ? List.of() : List.copyOf(proxyHidden);
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("data: say which dataset to study, e.g. --data fashion-mnist");
        }
        requireAtLeast("limit", limit, 0);
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model: name a model, e.g. --model mlp");
        }
        requireAtLeast("epochs", epochs, 1);
        requireAtLeast("batch-size", batchSize, 1);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr: must be a positive number, got " + lr);
        }
        optimizer = optimizer == null ? "" : optimizer.strip().toLowerCase(Locale.ROOT);
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw new IllegalArgumentException("optimizer: adam or sgd, got '" + optimizer + "'");
        }
        requireAtLeast("eval-every", evalEvery, 0);
        for (int h : proxyHidden) {
            if (h < 1) {
                throw new IllegalArgumentException("proxy-hidden: each size must be at least 1, got " + proxyHidden);
            }
        }
        requireAtLeast("proxy-epochs", proxyEpochs, 1);
        if (!(proxyLimit > 0 && proxyLimit <= 1)) {
            throw new IllegalArgumentException("proxy-limit: the fraction of training examples the proxy trains on, "
                    + "in (0, 1], got " + proxyLimit);
        }
        requireAtLeast("proxy-runs", proxyRuns, 1);
        methods = List.copyOf(methods);
        Set<String> names = new HashSet<>();
        for (Method m : methods) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("methods: '" + m.name() + "' is listed twice");
            }
        }
        keep = List.copyOf(keep);
        if (keep.isEmpty()) {
            throw new IllegalArgumentException("keep: give at least one kept fraction, e.g. --keep 0.1,0.3,0.5");
        }
        Set<Double> seenKeep = new HashSet<>();
        for (double k : keep) {
            if (!(k > 0 && k < 1)) {
                throw new IllegalArgumentException("keep: each fraction must be in (0, 1) (full data is the implicit baseline), got " + k);
            }
            if (!seenKeep.add(k)) {
                throw new IllegalArgumentException("keep: " + k + " is listed twice");
            }
        }
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds: give at least one seed, e.g. --seeds 0,1");
        }
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("seeds: a seed is listed twice");
        }
        for (long s : seeds) {
            if (s < 0) {
                throw new IllegalArgumentException("seeds: must be ≥ 0, got " + s);
            }
        }
        if (budget == null) {
            throw new IllegalArgumentException("budget: epochs or steps");
        }
        if (!(labelNoise >= 0 && labelNoise < 1)) {
            throw new IllegalArgumentException("label-noise: a fraction in [0, 1), got " + labelNoise);
        }
        if (proxyLimit < 1) {
            requireCheckpointScores(methods, proxyLimit);
        }
    }

    /**
     * A proxy trained on part of the data observes the other examples only in its checkpoint passes, so a score
     * that reads training presentations alone ({@code forgetting}, {@code aum}) would have no value for them.
     */
    private static void requireCheckpointScores(List<Method> methods, double proxyLimit) {
        for (Method m : methods) {
            if (!(Method.selecting(m) instanceof Method.Static s) || !s.needsScore()) {
                continue;
            }
            Set<ObservationKind> kinds;
            try {
                kinds = s.score().create(ScoreOptions.defaults()).observationKinds();
            } catch (IllegalArgumentException e) {
                continue; // a score that cannot be built is refused with its own message before the study starts
            }
            if (!kinds.isEmpty() && !kinds.contains(ObservationKind.CHECKPOINT)) {
                throw new IllegalArgumentException("proxy-limit " + proxyLimit + ": method '" + m.name() + "' reads '"
                        + s.score() + "' from training presentations, which a proxy on part of the data makes only for "
                        + "that part; use a score read at an epoch (el2n@E, loss@E, …) or proxy-limit 1");
            }
        }
    }

    private static void requireAtLeast(String key, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(key + ": must be at least " + min + ", got " + v);
        }
    }

    /** Whether any method needs proxy dynamics. */
    public boolean needsProxy() {
        return methods.stream().anyMatch(Method::needsProxy);
    }

    /**
     * Whether any method reads the proxy's features or logits (a feature strategy, or cleaning by near-duplicates
     * or confident learning): the proxy then records both (run 0's features are read).
     */
    public boolean needsFeatures() {
        return methods.stream().anyMatch(m -> m instanceof Method.Cleaned
                || Method.selecting(m) instanceof Method.Static s && s.needsFeatures());
    }

    /** The distinct scores the methods select by, in first-use order: each is computed once per seed. */
    public List<ScoreSpec> scoreSpecs() {
        List<ScoreSpec> out = new ArrayList<>();
        for (Method m : methods) {
            if (Method.selecting(m) instanceof Method.Static s && s.needsScore() && !out.contains(s.score())) {
                out.add(s.score());
            }
        }
        return out;
    }

    /**
     * The kept fractions below 1 that the methods train at, in the order of {@code keep}: at each, every seed also
     * trains {@link Method.Shorter full:shorter}, all the data for as many optimizer steps.
     */
    public List<Double> shorterKeeps() {
        Set<Double> used = new HashSet<>();
        for (Method m : methods) {
            used.addAll(m.keeps(keep));
        }
        return keep.stream().filter(used::contains).toList();
    }

    /** Runs in the whole study: per seed, the full baseline, every method at every kept fraction, and {@code full:shorter}. */
    public int totalRuns() {
        return seeds.size() * PlannedRun.perSeed(this).size();
    }

    /** Whether a target trained for {@code epochs} is evaluated after {@code epoch} (1-based): see {@link #evalEvery}. */
    public boolean evaluatesAfter(int epoch, int epochs) {
        return epoch == epochs || (evalEvery > 0 && epoch % evalEvery == 0);
    }

    /**
     * The defaults that a spec file or the flags override, as a settings tree (every key but {@code data}).
     * The one place a study default is written.
     */
    public static ObjectNode defaults() {
        ObjectNode d = SpecBinding.JSON.createObjectNode();
        d.put("limit", 0);
        d.put("model", "mlp");
        d.put("epochs", 5);
        d.put("batch-size", 128);
        d.put("lr", 0.001);
        d.put("optimizer", "adam");
        d.put("eval-every", 1);
        // proxy-model: absent = the target's model (resolved in the constructor)
        d.putArray("proxy-hidden");
        d.put("proxy-epochs", 3);
        d.put("proxy-limit", 1.0);
        d.put("proxy-runs", 1);
        d.putArray("methods").add("random");
        d.putArray("keep").add(0.1).add(0.3).add(0.5).add(0.7);
        d.putArray("seeds").add(0);
        d.put("budget", "epochs");
        d.put("label-noise", 0.0);
        return d;
    }

    /**
     * Builds a spec from settings keyed like the flags ({@code proxy-epochs}); values may be numbers,
     * text ({@code "0.1,0.3"}) or lists. Missing keys take {@link #defaults()}. Unknown keys are refused.
     *
     * @throws IllegalArgumentException with a one-line message naming the key
     */
    public static StudySpec fromSettings(Map<String, ?> settings) {
        return fromTree(SpecBinding.JSON.valueToTree(settings));
    }

    /** Binds a settings tree (a spec file's, or settings layered over one another) over the defaults. */
    public static StudySpec fromTree(JsonNode settings) {
        ObjectNode tree = defaults();
        tree.setAll(SpecBinding.canonicalKeys(settings));
        return SpecBinding.bind(tree);
    }

    /** The settings of this spec as a tree keyed like the flags; {@link #fromTree} of it gives back an equal spec. */
    public ObjectNode settings() {
        return SpecBinding.JSON.valueToTree(this);
    }

    /**
     * The first setting other than the runs ({@code methods}, {@code keep}, {@code seeds}) in which
     * {@code other} differs from this spec, or {@code null} when they agree: a resumed study may add runs
     * but not change how each run trains.
     */
    public String differingSetting(StudySpec other) {
        ObjectNode a = settings();
        ObjectNode b = other.settings();
        for (String key : KEYS) {
            if (!RUN_KEYS.contains(key) && !a.path(key).equals(b.path(key))) {
                return key;
            }
        }
        return null;
    }

    /** The keys that list runs; a resumed study may change them. */
    public static final List<String> RUN_KEYS = List.of("methods", "keep", "seeds");

    /** The spec as pretty JSON (what a study folder keeps in {@code study.json}). */
    public String toJson() {
        try {
            return SpecBinding.JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the settings of a JSON ({@code .json}) or YAML (anything else) spec file, unvalidated. */
    public static ObjectNode readSettings(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new WinnowException(file + ": no such spec file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = name.endsWith(".json");
        JsonNode root;
        try {
            root = (json ? SpecBinding.JSON : SpecBinding.YAML).readTree(file.toFile());
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            int nl = msg.indexOf('\n');
            throw new WinnowException(file + ": not valid " + (json ? "JSON" : "YAML") + " ("
                    + (nl < 0 ? msg : msg.substring(0, nl)) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new WinnowException(file + ": the spec must be a mapping of settings (data, methods, keep, …)");
        }
        return (ObjectNode) root;
    }

    /** Reads and validates a spec file. */
    public static StudySpec read(Path file) {
        try {
            return fromTree(readSettings(file));
        } catch (IllegalArgumentException e) {
            throw new WinnowException(file + ": " + e.getMessage(), e);
        }
    }
}
