package dev.winnow.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.winnow.WinnowException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything that defines a pruning study: the data, the target and proxy training, the methods, kept
 * fractions and seeds. The same keys work in a JSON or YAML file and as command-line flags
 * ({@code proxy-epochs} ⇔ {@code --proxy-epochs}). Validated here, so a study never starts from a bad spec.
 *
 * @param data         dataset spec for the training module ({@code fashion-mnist}, {@code text:...})
 * @param limit        use only the first {@code limit} training examples (0 = all)
 * @param model        target (and proxy) model name ({@code mlp}, {@code cnn}, …)
 * @param epochs       target training epochs (on the full data; see {@link Budget})
 * @param batchSize    examples per optimizer step
 * @param lr           learning rate
 * @param optimizer    {@code adam} or {@code sgd}
 * @param proxyEpochs  epochs of each proxy run that records dynamics
 * @param proxyRuns    proxy runs per seed (scores average over runs)
 * @param methods      the pruning methods (the {@code full} baseline is implicit)
 * @param keep         kept fractions, each in (0, 1)
 * @param seeds        seeds; each seed gets its own proxy, label noise, selections and target runs
 * @param budget       how long the target trains on a subset
 * @param labelNoise   fraction of training labels flipped to another class (0 = none)
 */
public record StudySpec(String data, int limit, String model, int epochs, int batchSize, double lr,
                        String optimizer, int proxyEpochs, int proxyRuns, List<MethodSpec> methods,
                        List<Double> keep, List<Long> seeds, Budget budget, double labelNoise) {

    /** The keys of a spec file, in the order they are written. */
    public static final List<String> KEYS = List.of("data", "limit", "model", "epochs", "batch-size", "lr",
            "optimizer", "proxy-epochs", "proxy-runs", "methods", "keep", "seeds", "budget", "label-noise");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public StudySpec {
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
        requireAtLeast("proxy-epochs", proxyEpochs, 1);
        requireAtLeast("proxy-runs", proxyRuns, 1);
        methods = List.copyOf(methods);
        Set<String> names = new HashSet<>();
        for (MethodSpec m : methods) {
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
    }

    private static void requireAtLeast(String key, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(key + ": must be at least " + min + ", got " + v);
        }
    }

    /** Whether any method needs proxy dynamics. */
    public boolean needsProxy() {
        return methods.stream().anyMatch(MethodSpec::needsProxy);
    }

    /** The distinct score specs the methods use, in first-use order. */
    public List<String> scoreSpecs() {
        List<String> out = new ArrayList<>();
        for (MethodSpec m : methods) {
            if (m.needsScore() && !out.contains(m.score())) {
                out.add(m.score());
            }
        }
        return out;
    }

    /** Runs in the whole study: per seed, the full baseline plus every method at every kept fraction. */
    public int totalRuns() {
        int perSeed = 1;
        for (MethodSpec m : methods) {
            perSeed += m.keeps(keep).size();
        }
        return seeds.size() * perSeed;
    }

    /** The defaults that a spec file or the flags override. */
    public static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("limit", 0);
        d.put("model", "mlp");
        d.put("epochs", 5);
        d.put("batch-size", 128);
        d.put("lr", 0.001);
        d.put("optimizer", "adam");
        d.put("proxy-epochs", 3);
        d.put("proxy-runs", 1);
        d.put("methods", "random");
        d.put("keep", "0.1,0.3,0.5,0.7");
        d.put("seeds", "0");
        d.put("budget", "epochs");
        d.put("label-noise", 0.0);
        return d;
    }

    /**
     * Builds a spec from settings keyed like the flags ({@code proxy-epochs}); values may be numbers,
     * strings ({@code "0.1,0.3"}) or lists. Missing keys take {@link #defaults()}. Unknown keys are refused.
     *
     * @throws IllegalArgumentException with a one-line message naming the key
     */
    public static StudySpec fromSettings(Map<String, ?> settings) {
        Map<String, Object> s = defaults();
        for (Map.Entry<String, ?> e : settings.entrySet()) {
            String key = e.getKey().strip().toLowerCase(Locale.ROOT).replace('_', '-');
            if (key.equals("batchsize")) {
                key = "batch-size";
            }
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown setting '" + e.getKey() + "' (known: " + String.join(", ", KEYS) + ")");
            }
            if (e.getValue() != null) {
                s.put(key, e.getValue());
            }
        }
        List<MethodSpec> methods = new ArrayList<>();
        for (String m : joinPolicyParameters(strings(s.get("methods")))) {
            methods.add(MethodSpec.parse(m));
        }
        List<Double> keep = new ArrayList<>();
        for (String k : strings(s.get("keep"))) {
            keep.add(number("keep", k));
        }
        List<Long> seeds = new ArrayList<>();
        for (String k : strings(s.get("seeds"))) {
            seeds.add(whole("seeds", k));
        }
        return new StudySpec(
                s.containsKey("data") ? String.valueOf(s.get("data")).strip() : null,
                (int) whole("limit", s.get("limit")),
                String.valueOf(s.get("model")).strip(),
                (int) whole("epochs", s.get("epochs")),
                (int) whole("batch-size", s.get("batch-size")),
                number("lr", s.get("lr")),
                String.valueOf(s.get("optimizer")),
                (int) whole("proxy-epochs", s.get("proxy-epochs")),
                (int) whole("proxy-runs", s.get("proxy-runs")),
                methods, keep, seeds,
                budgetOf(s.get("budget")),
                number("label-noise", s.get("label-noise")));
    }

    private static final java.util.regex.Pattern CONTINUATION =
            java.util.regex.Pattern.compile("[0-9.]+|keep|(alpha|refresh)=.*");

    /**
     * Re-joins a comma list where a dynamic policy's own commas split it: {@code dynamic:ucb:keep}, {@code 1.0}
     * → {@code dynamic:ucb:keep,1.0}. A piece that is a number, {@code keep} or {@code alpha=}/{@code refresh=}
     * continues the method before it; no method starts that way.
     */
    static List<String> joinPolicyParameters(List<String> pieces) {
        List<String> out = new ArrayList<>();
        for (String p : pieces) {
            if (!out.isEmpty() && out.get(out.size() - 1).startsWith("dynamic:") && CONTINUATION.matcher(p).matches()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + "," + p);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static Budget budgetOf(Object o) {
        return o instanceof Budget b ? b : Budget.parse(String.valueOf(o));
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                out.addAll(strings(o));
            }
        } else if (v instanceof MethodSpec m) {
            out.add(m.name());
        } else if (v != null) {
            for (String p : String.valueOf(v).split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }

    private static double number(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a number");
        }
    }

    private static long whole(String key, Object v) {
        double d = number(key, v);
        if (d != Math.rint(d) || Math.abs(d) > 1e15) {
            throw new IllegalArgumentException(key + ": '" + v + "' is not a whole number");
        }
        return (long) d;
    }

    /** The settings of this spec, keyed like the flags; {@link #fromSettings} of it gives back an equal spec. */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("limit", limit);
        m.put("model", model);
        m.put("epochs", epochs);
        m.put("batch-size", batchSize);
        m.put("lr", lr);
        m.put("optimizer", optimizer);
        m.put("proxy-epochs", proxyEpochs);
        m.put("proxy-runs", proxyRuns);
        m.put("methods", methods.stream().map(MethodSpec::name).toList());
        m.put("keep", keep);
        m.put("seeds", seeds);
        m.put("budget", budget.toString());
        m.put("label-noise", labelNoise);
        return m;
    }

    /** The spec as pretty JSON (what a study folder keeps in {@code study.json}). */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(settings()) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the settings of a JSON ({@code .json}) or YAML (anything else) spec file, unvalidated. */
    public static Map<String, Object> readSettings(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new WinnowException(file + ": no such spec file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? JSON : YAML;
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            int nl = msg.indexOf('\n');
            throw new WinnowException(file + ": not valid " + (mapper == JSON ? "JSON" : "YAML") + " ("
                    + (nl < 0 ? msg : msg.substring(0, nl)) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new WinnowException(file + ": the spec must be a mapping of settings (data, methods, keep, …)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }

    private static Object plain(JsonNode n) {
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            ((ArrayNode) n).forEach(x -> l.add(plain(x)));
            return l;
        }
        if (n.isNumber()) {
            return n.numberValue();
        }
        if (n.isNull()) {
            return null;
        }
        if (n instanceof ObjectNode) {
            return n.toString();
        }
        return n.asText();
    }

    /** Reads and validates a spec file. */
    public static StudySpec read(Path file) {
        try {
            return fromSettings(readSettings(file));
        } catch (IllegalArgumentException e) {
            throw new WinnowException(file + ": " + e.getMessage(), e);
        }
    }
}
