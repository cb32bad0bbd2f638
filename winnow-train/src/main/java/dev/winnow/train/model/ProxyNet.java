package dev.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;

/**
 * A model of the zoo as two blocks: a {@code body} that maps an input batch to features h [B, D], and a
 * linear {@code head} that maps h to logits [B, C]. One forward gives both, so the recorder gets ‖h‖²
 * (for the closed-form last-layer gradient norm) and the features without a second pass. Owns the
 * native memory of its parameters; close it when done.
 */
public final class ProxyNet implements AutoCloseable {
    private final NDManager manager;
    private final Block body;
    private final Linear head;
    private final int featureDim;
    private final int classes;
    private final int minLength;
    private final String description;

    /** Logits [B, C] and the head's input h [B, D] of one forward pass. */
    public record Output(NDArray logits, NDArray features) {
    }

    ProxyNet(NDManager manager, Block body, Linear head, int featureDim, int classes, int minLength, String description) {
        this.manager = manager;
        this.body = body;
        this.head = head;
        this.featureDim = featureDim;
        this.classes = classes;
        this.minLength = minLength;
        this.description = description;
    }

    /** One forward pass; {@code training} selects train-mode behaviour (dropout, batch statistics). */
    public Output forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray h = body.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray z = head.forward(ps, new NDList(h), training).singletonOrThrow();
        return new Output(z, h);
    }

    /** Every parameter (body, then head). */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : body.getParameters()) {
            out.add(p.getValue());
        }
        for (Pair<String, Parameter> p : head.getParameters()) {
            out.add(p.getValue());
        }
        return out;
    }

    /** The head's weight W [C, D] and bias b [C]. */
    public List<Parameter> headParameters() {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : head.getParameters()) {
            out.add(p.getValue());
        }
        return out;
    }

    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.getArray().size();
        }
        return n;
    }

    public Block body() {
        return body;
    }

    public Linear head() {
        return head;
    }

    /** D, the width of h. */
    public int featureDim() {
        return featureDim;
    }

    public int classes() {
        return classes;
    }

    /** Shortest token sequence the body accepts (text models; 1 otherwise). */
    public int minLength() {
        return minLength;
    }

    public NDManager manager() {
        return manager;
    }

    /** e.g. {@code mlp 784-256-128-10 (235,146 parameters)}. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        manager.close();
    }
}
