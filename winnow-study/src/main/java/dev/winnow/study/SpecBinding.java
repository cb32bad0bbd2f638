package dev.winnow.study;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a {@link StudySpec} is bound from JSON, YAML, a settings map or the flags: one Jackson mapper with
 * kebab-case keys ({@code proxy-epochs}; {@code proxy_epochs} is read as the same key), unknown keys refused,
 * no silent coercion of {@code 2.5} into a whole number, and lists given either as lists or as comma-separated
 * text ({@code keep: "0.1,0.3"}). Jackson's own messages are turned into one line that names the key.
 */
final class SpecBinding {
    private SpecBinding() {
    }

    static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
    static final ObjectMapper YAML = configure(YAMLMapper.builder(new YAMLFactory())).build();

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(B b) {
        return b.propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * The settings tree with every key in its canonical form: lower case, {@code _} read as {@code -}
     * ({@code batchSize} and {@code batchsize} as {@code batch-size}).
     */
    static ObjectNode canonicalKeys(JsonNode tree) {
        ObjectNode out = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().strip();
            if (key.equals("batchSize") || key.equalsIgnoreCase("batchsize")) {
                key = "batch-size";
            }
            key = key.toLowerCase(Locale.ROOT).replace('_', '-');
            if (!e.getValue().isNull()) {
                out.set(key, e.getValue());
            }
        }
        return out;
    }

    /** Binds a complete settings tree (defaults already merged in) into a validated spec. */
    static StudySpec bind(ObjectNode tree) {
        try {
            return JSON.treeToValue(tree, StudySpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown setting '" + e.getPropertyName() + "' (known: "
                    + String.join(", ", StudySpec.KEYS) + ")");
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(message(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(String.valueOf(e.getMessage()), e);
        }
    }

    /** One line for a binding failure: the key, then what is wrong. */
    private static String message(JsonMappingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException iae && !(t instanceof JsonMappingException)) {
                return iae.getMessage();
            }
        }
        String key = key(e);
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            boolean whole = target == int.class || target == Integer.class || target == long.class || target == Long.class;
            return key + ": '" + text(f.getValue()) + "' is not a " + (whole ? "whole number" : "number");
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> target = m.getTargetType();
            if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
                return key + ": not a whole number";
            }
            if (target == double.class || target == Double.class) {
                return key + ": not a number";
            }
        }
        String msg = String.valueOf(e.getOriginalMessage());
        int nl = msg.indexOf('\n');
        return key + ": " + (nl < 0 ? msg : msg.substring(0, nl));
    }

    private static String text(Object v) {
        return v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(v);
    }

    private static String key(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                return r.getFieldName();
            }
        }
        return "spec";
    }

    /** The elements of a list setting: a JSON/YAML list, or one value, or text with commas. */
    static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.addAll(elements(n)));
        } else if (node.isTextual()) {
            for (String p : node.asText().split(",")) {
                if (!p.isBlank()) {
                    out.add(JSON.getNodeFactory().textNode(p.strip()));
                }
            }
        } else if (!node.isNull()) {
            out.add(node);
        }
        return out;
    }

    /** A list setting, written as a list or as comma-separated text; each element read by {@link #element}. */
    abstract static class ListOf<T> extends JsonDeserializer<List<T>> {
        @Override
        public List<T> deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String key = keyOf(p);
            List<T> out = new ArrayList<>();
            for (JsonNode n : elements(p.readValueAsTree())) {
                out.add(element(key, n));
            }
            return out;
        }

        /** One element of setting {@code key}; a bad one fails naming the key. */
        abstract T element(String key, JsonNode n);
    }

    /** A list of numbers. */
    static final class Numbers extends ListOf<Double> {
        @Override
        Double element(String key, JsonNode n) {
            return number(key, n);
        }
    }

    /** A list of whole numbers. */
    static final class WholeNumbers extends ListOf<Long> {
        @Override
        Long element(String key, JsonNode n) {
            return whole(key, n, 1e15);
        }
    }

    /** Sizes (hidden widths): whole numbers that fit an int, written as a list or as {@code "256,128"}. */
    static final class Sizes extends ListOf<Integer> {
        @Override
        Integer element(String key, JsonNode n) {
            return (int) whole(key, n, Integer.MAX_VALUE);
        }
    }

    private static long whole(String key, JsonNode n, double max) {
        double d = number(key, n);
        if (d != Math.rint(d) || Math.abs(d) > max) {
            throw new IllegalArgumentException(key + ": '" + n.asText() + "' is not a whole number");
        }
        return (long) d;
    }

    /** Methods, written as a list or as comma-separated text (a dynamic policy's own commas stay with it). */
    static final class Methods extends JsonDeserializer<List<Method>> {
        @Override
        public List<Method> deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            List<String> pieces = new ArrayList<>();
            for (JsonNode n : elements(p.readValueAsTree())) {
                pieces.add(n.asText());
            }
            return Method.parseAll(pieces);
        }
    }

    /** The setting a list value belongs to (the parser stands on the list's first token). */
    private static String keyOf(JsonParser p) {
        com.fasterxml.jackson.core.JsonStreamContext c = p.getParsingContext();
        while (c != null && c.getCurrentName() == null) {
            c = c.getParent();
        }
        return c == null ? "spec" : c.getCurrentName();
    }

    private static double number(String key, JsonNode n) {
        if (n.isNumber()) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(n.asText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + n.asText() + "' is not a number");
        }
    }
}
