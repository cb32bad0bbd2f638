package dev.winnow.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One split of a dataset held in memory: per example its original id, its class and its input, either
 * dense floats (images, tabular rows; {@link #exampleShape()} per example) or token ids (text; 0 is
 * padding; with the text as written when the reader kept it). Index {@code i} is the example's position
 * in this split; ids survive any reordering because training addresses examples by index and looks ids
 * up here.
 */
public final class Examples {
    private final long[] ids;
    private final int[] labels;
    private final float[] dense;
    private final long[] exampleShape;
    private final int[][] tokens;
    private final String[] texts;
    private final int width;

    private Examples(long[] ids, int[] labels, float[] dense, long[] exampleShape, int[][] tokens, String[] texts) {
        if (ids.length != labels.length) {
            throw new IllegalArgumentException("ids and labels differ in length");
        }
        this.ids = ids;
        this.labels = labels;
        this.dense = dense;
        this.exampleShape = exampleShape;
        this.tokens = tokens;
        this.texts = texts;
        this.width = dense == null ? 0 : (int) new Shape(exampleShape).size();
        if (dense != null && (long) width * labels.length != dense.length) {
            throw new IllegalArgumentException("dense inputs have " + dense.length + " values, expected "
                    + (long) width * labels.length);
        }
        if (tokens != null && tokens.length != labels.length) {
            throw new IllegalArgumentException("token rows and labels differ in length");
        }
        if (texts != null && texts.length != labels.length) {
            throw new IllegalArgumentException("texts and labels differ in length");
        }
    }

    /** Dense examples: {@code x} holds N rows of {@code prod(exampleShape)} floats, row-major. */
    public static Examples dense(long[] ids, int[] labels, float[] x, long... exampleShape) {
        return new Examples(ids, labels, x, exampleShape.clone(), null, null);
    }

    /** Text examples: one row of token ids (≥ 1, 0 is padding) per example. */
    public static Examples tokens(long[] ids, int[] labels, int[][] tokens) {
        return new Examples(ids, labels, null, null, tokens, null);
    }

    /** Text examples that also keep each example's text as written ({@link #text}); {@code texts} may be null. */
    public static Examples tokens(long[] ids, int[] labels, int[][] tokens, String[] texts) {
        return new Examples(ids, labels, null, null, tokens, texts);
    }

    public int size() {
        return labels.length;
    }

    public boolean isText() {
        return tokens != null;
    }

    public long id(int index) {
        return ids[index];
    }

    public int label(int index) {
        return labels[index];
    }

    /** The ids, index order (a copy). */
    public long[] ids() {
        return ids.clone();
    }

    /** The labels, index order (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Shape of one dense example, e.g. [1, 28, 28] or [D]; {@code null} for text. */
    public long[] exampleShape() {
        return exampleShape == null ? null : exampleShape.clone();
    }

    /** Floats per dense example (0 for text). */
    public int width() {
        return width;
    }

    /** Token ids of example {@code index} (text only). */
    public int[] tokensOf(int index) {
        return tokens[index];
    }

    /** The text of example {@code index} as the dataset wrote it, or {@code null} when none was kept. */
    public String text(int index) {
        return texts == null ? null : texts[index];
    }

    /** Dense input row of example {@code index} (a copy). */
    public float[] row(int index) {
        return Arrays.copyOfRange(dense, index * width, (index + 1) * width);
    }

    /** The dense inputs themselves (no copy; null for text), for {@link ResidentSplit}. */
    float[] denseView() {
        return dense;
    }

    /** The first {@code n} examples (all when n ≥ size). */
    public Examples head(int n) {
        if (n >= size()) {
            return this;
        }
        long[] i = Arrays.copyOf(ids, n);
        int[] y = Arrays.copyOf(labels, n);
        if (tokens != null) {
            return tokens(i, y, Arrays.copyOf(tokens, n), texts == null ? null : Arrays.copyOf(texts, n));
        }
        return dense(i, y, Arrays.copyOf(dense, n * width), exampleShape);
    }

    /**
     * The input batch of the examples {@code order[from..to)}: dense [B, shape...] float32, or text
     * [B, L] int64 padded with 0 to the longest in the batch (at least {@code minLength}).
     */
    public NDArray batch(NDManager manager, int[] order, int from, int to, int minLength) {
        int b = to - from;
        if (tokens == null) {
            float[] x = new float[b * width];
            for (int k = 0; k < b; k++) {
                System.arraycopy(dense, order[from + k] * width, x, k * width, width);
            }
            long[] shape = new long[exampleShape.length + 1];
            shape[0] = b;
            System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
            return manager.create(x, new Shape(shape));
        }
        int len = Math.max(1, minLength);
        for (int k = 0; k < b; k++) {
            len = Math.max(len, tokens[order[from + k]].length);
        }
        long[] t = new long[b * len];
        for (int k = 0; k < b; k++) {
            int[] row = tokens[order[from + k]];
            for (int j = 0; j < row.length; j++) {
                t[k * len + j] = row[j];
            }
        }
        return manager.create(t, new Shape(b, len));
    }

    /** Labels of {@code order[from..to)}. */
    public int[] labelsOf(int[] order, int from, int to) {
        int[] y = new int[to - from];
        for (int k = 0; k < y.length; k++) {
            y[k] = labels[order[from + k]];
        }
        return y;
    }

    /**
     * Indices of the given ids in this split, in the order given; an unknown id fails with a clear
     * message (a keep-list from another dataset).
     */
    public int[] indicesOf(long[] wanted) {
        Map<Long, Integer> pos = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            pos.put(ids[i], i);
        }
        int[] out = new int[wanted.length];
        for (int k = 0; k < wanted.length; k++) {
            Integer p = pos.get(wanted[k]);
            if (p == null) {
                throw new dev.winnow.WinnowException("example id " + wanted[k] + " is not in the training set");
            }
            out[k] = p;
        }
        return out;
    }
}
