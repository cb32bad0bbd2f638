package dev.winnow.select;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.winnow.WinnowException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a {@link KeepList} came from, one record per origin (after Tribuo's {@code DatasetViewProvenance}):
 * {@link Selected} by a strategy (what {@code keep.json} holds: inputs with their SHA-256, strategy,
 * parameters, seed, N, tool version), {@link ReadFromFile} (the CSV and its hash, with the selection
 * when its {@code keep.json} records that very file) or {@link Given} by the caller. Records compare
 * by content; a selection read back from {@code keep.json} is checked field by field.
 */
public sealed interface KeepListProvenance {
    /** The {@code format} field of {@code keep.json}. */
    String FORMAT = "winnow-selection";

    /** An input the keep-list was computed from: its role, absolute path and SHA-256 ({@code null} for a folder). */
    record Input(String role, Path path, String sha256) {
        public Input {
            Objects.requireNonNull(role, "role");
            path = path.toAbsolutePath().normalize();
        }

        /** Hashes a file (or, for a folder, lists it with no hash). */
        public static Input of(String role, Path path) {
            return new Input(role, path, Files.isRegularFile(path) ? KeepListWriter.sha256(path) : null);
        }
    }

    /**
     * Selected by a strategy from {@code n} examples with {@code options}, from {@code inputs}, by the tool
     * of version {@code toolVersion} ({@code null} until the command that ran it says). The options keep
     * only what the strategy reads (the others at their defaults), so two selections that did the same
     * thing are equal.
     */
    record Selected(SelectOptions options, int n, List<Input> inputs, String toolVersion) implements KeepListProvenance {
        public Selected {
            options = canonical(Objects.requireNonNull(options, "options"));
            if (n < 1) {
                throw new IllegalArgumentException("n must be >= 1, got " + n);
            }
            inputs = List.copyOf(inputs);
        }

        /** The options with every parameter the strategy does not read at its default. */
        private static SelectOptions canonical(SelectOptions o) {
            SelectOptions c = SelectOptions.of(o.strategy(), o.budget(), o.seed()).withClassBalanced(o.classBalanced());
            return switch (o.strategy()) {
                case WINDOW -> c.withOffset(o.offset());
                case STRATIFIED -> c.withBins(o.bins()).withDropHardest(o.dropHardest());
                case CALIBRATED -> c.withAlpha(o.alpha());
                case MODERATE, KCENTER -> c.withFeatureRun(o.featureRun());
                case D2 -> c.withFeatureRun(o.featureRun()).withNeighbours(o.neighbours()).withGamma(o.gamma());
                default -> c;
            };
        }

        /** The strategy's parameters as {@code keep.json} lists them (budget first). */
        Map<String, Object> parameters() {
            Map<String, Object> params = new LinkedHashMap<>();
            if (options.budget() instanceof Budget.Fraction f) {
                params.put("keep", f.fraction());
            } else if (options.budget() instanceof Budget.Count c) {
                params.put("keepCount", c.count());
            }
            switch (options.strategy()) {
                case WINDOW -> params.put("offset", options.offset());
                case STRATIFIED -> {
                    params.put("bins", options.bins());
                    params.put("dropHardest", options.dropHardest());
                }
                case CALIBRATED -> params.put("alpha", options.alpha());
                case MODERATE, KCENTER -> params.put("featureRun", options.featureRun());
                case D2 -> {
                    params.put("featureRun", options.featureRun());
                    params.put("neighbours", options.neighbours());
                    params.put("gamma", options.gamma());
                }
                default -> {
                }
            }
            return params;
        }

        /** The text of {@code keep.json} for a list of {@code k} examples with {@code weightSum}, written to {@code csv}. */
        String json(int k, double weightSum, Path csv, String csvSha256) {
            return json(k, weightSum, csv.toAbsolutePath().normalize().toString(), csvSha256);
        }

        /**
         * The text of {@code keep.json} for a keep-list written somewhere a local path cannot name (a Hadoop file
         * system: {@code hdfs://…/keep.csv}): {@code k} examples whose weights, summed in id order, are
         * {@code weightSum}; {@code outputSha256} is {@code null} when the output is not one file.
         */
        public String json(int k, double weightSum, String output, String outputSha256) {
            if (toolVersion == null) {
                throw new IllegalStateException("keep.json records the tool version: give it with KeepList.withSources");
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("format", FORMAT);
            root.put("version", 1);
            Map<String, Object> tool = new LinkedHashMap<>();
            tool.put("name", "winnow");
            tool.put("version", toolVersion);
            root.put("tool", tool);
            root.put("method", "select");
            root.put("strategy", options.strategy().cliName());
            root.put("classBalanced", options.classBalanced());
            root.put("parameters", parameters());
            root.put("seed", options.seed());
            root.put("randomKey", "splitmix64(seed * 0x9E3779B97F4A7C15 + id), unsigned");
            root.put("n", n);
            root.put("k", k);
            root.put("weighted", options.strategy().weighted());
            root.put("weightSum", weightSum);
            List<Map<String, Object>> ins = new ArrayList<>();
            for (Input in : inputs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("role", in.role());
                m.put("path", in.path().toString());
                m.put("sha256", in.sha256());
                ins.add(m);
            }
            root.put("inputs", ins);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("path", output);
            out.put("sha256", outputSha256);
            root.put("output", out);
            try {
                return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * The selection {@code keep.json} (at {@code file}) records, checked against the list read from its
         * CSV: version, strategy and parameters (with the ranges {@link SelectOptions} enforces), N ≥ k, k,
         * weight sum and the weighted flag must agree; a field that does not fails in one line naming it.
         */
        static Selected fromJson(JsonNode root, Path file, KeepList list) {
            try {
                require(root.path("version").asInt() == 1, "version " + root.path("version") + " is not 1");
                Strategy st = Strategy.parse(root.path("strategy").asText());
                JsonNode p = root.path("parameters");
                Budget budget = p.has("keep") ? new Budget.Fraction(p.get("keep").asDouble())
                        : new Budget.Count(number(p, "keepCount").asLong());
                SelectOptions o = SelectOptions.of(st, budget, number(root, "seed").asLong())
                        .withClassBalanced(root.path("classBalanced").asBoolean());
                switch (st) {
                    case WINDOW -> o = o.withOffset(number(p, "offset").asDouble());
                    case STRATIFIED -> o = o.withBins(number(p, "bins").asInt()).withDropHardest(number(p, "dropHardest").asDouble());
                    case CALIBRATED -> o = o.withAlpha(number(p, "alpha").asDouble());
                    case MODERATE, KCENTER -> o = o.withFeatureRun(number(p, "featureRun").asInt());
                    case D2 -> o = o.withFeatureRun(number(p, "featureRun").asInt())
                            .withNeighbours(number(p, "neighbours").asInt()).withGamma(number(p, "gamma").asDouble());
                    default -> {
                    }
                }
                int n = number(root, "n").asInt();
                int k = number(root, "k").asInt();
                require(k == list.size(), "k = " + k + " but the CSV lists " + list.size() + " examples");
                require(n >= k, "n = " + n + " is below k = " + k);
                require(budget.resolve(n) == k, "the budget " + budget + " of n = " + n + " is not k = " + k);
                require(number(root, "weightSum").asDouble() == list.weightSum(),
                        "weightSum " + root.get("weightSum") + " is not the CSV's " + list.weightSum());
                require(root.path("weighted").asBoolean() == st.weighted(),
                        "weighted = " + root.path("weighted") + " contradicts strategy " + st.cliName());
                List<Input> inputs = new ArrayList<>();
                for (JsonNode in : root.path("inputs")) {
                    JsonNode sha = in.path("sha256");
                    inputs.add(new Input(in.path("role").asText(), Path.of(in.path("path").asText()),
                            sha.isTextual() ? sha.asText() : null));
                }
                String tool = root.path("tool").path("version").asText(null);
                require(tool != null, "tool.version is missing");
                return new Selected(o, n, inputs, tool);
            } catch (IllegalArgumentException e) {
                throw new WinnowException(file + ": not a valid keep-list provenance (" + e.getMessage() + ")");
            }
        }

        private static JsonNode number(JsonNode node, String field) {
            JsonNode v = node.path(field);
            require(v.isNumber(), field + " is missing or not a number");
            return v;
        }

        private static void require(boolean ok, String what) {
            if (!ok) {
                throw new IllegalArgumentException(what);
            }
        }

        @Override
        public String toString() {
            return "selected by " + options.strategy().cliName() + (options.classBalanced() ? " (class-balanced)" : "")
                    + ", " + options.budget() + " of n=" + n + ", seed " + options.seed();
        }
    }

    /**
     * Read from the CSV {@code csv} (absolute) whose SHA-256 is {@code sha256}; {@code selection} is what
     * its {@code keep.json} records, or {@code null} when none beside it records this file.
     */
    record ReadFromFile(Path csv, String sha256, Selected selection) implements KeepListProvenance {
        public ReadFromFile {
            csv = csv.toAbsolutePath().normalize();
            Objects.requireNonNull(sha256, "sha256");
        }

        @Override
        public String toString() {
            return "read from " + csv.getFileName() + (selection == null ? "" : ", " + selection);
        }
    }

    /** Given by the caller; {@code tag} says what the list is. */
    record Given(String tag) implements KeepListProvenance {
        public Given {
            Objects.requireNonNull(tag, "tag");
        }

        @Override
        public String toString() {
            return "given: " + tag;
        }
    }
}
