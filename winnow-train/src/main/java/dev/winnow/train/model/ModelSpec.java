package dev.winnow.train.model;

import dev.winnow.WinnowException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A proxy model from the zoo: its {@code name} and the sizes that shape it. {@code hidden} are the hidden
 * widths of {@code mlp} and of the head of {@code textbag}; {@code embedding} the word-vector size of
 * the text models; {@code dropout} the dropout rate before the head (0 = none).
 */
public record ModelSpec(String name, List<Integer> hidden, int embedding, float dropout) {
    public static final List<String> NAMES = List.of("logreg", "mlp", "cnn", "resnet", "textbag", "textcnn");

    public ModelSpec {
        name = name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new WinnowException("--model '" + name + "' is not in the zoo (" + String.join(", ", NAMES) + ")");
        }
        hidden = List.copyOf(hidden);
        for (int h : hidden) {
            if (h < 1) {
                throw new WinnowException("hidden sizes must be positive, got " + hidden);
            }
        }
        if (embedding < 1) {
            throw new WinnowException("--embedding must be positive");
        }
        if (dropout < 0 || dropout >= 1) {
            throw new WinnowException("--dropout must be in [0, 1)");
        }
    }

    /** The model with its defaults: mlp 256,128; textbag head 128; embeddings 100; no dropout. */
    public static ModelSpec of(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return new ModelSpec(n, n.equals("textbag") ? List.of(128) : List.of(256, 128), 100, 0f);
    }

    public ModelSpec withHidden(List<Integer> h) {
        return new ModelSpec(name, h, embedding, dropout);
    }

    public ModelSpec withEmbedding(int e) {
        return new ModelSpec(name, hidden, e, dropout);
    }

    public ModelSpec withDropout(float d) {
        return new ModelSpec(name, hidden, embedding, d);
    }

    public boolean isText() {
        return name.startsWith("text");
    }

    /** Parses "256,128". */
    public static List<Integer> parseSizes(String s) {
        List<Integer> out = new ArrayList<>();
        if (s == null || s.isBlank()) {
            return out;
        }
        for (String p : s.split(",")) {
            try {
                out.add(Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                throw new WinnowException("--hidden '" + s + "': expected sizes like 256,128");
            }
        }
        return out;
    }

    /** A short description for manifests: e.g. {@code mlp(784-256-128-10)} is given by {@link ProxyNet}. */
    @Override
    public String toString() {
        return name + (name.equals("mlp") || name.equals("textbag") ? " hidden=" + hidden : "")
                + (isText() ? " embedding=" + embedding : "") + (dropout > 0 ? " dropout=" + dropout : "");
    }
}
