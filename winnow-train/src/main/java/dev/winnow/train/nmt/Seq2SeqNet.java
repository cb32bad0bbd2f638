package dev.winnow.train.nmt;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small attentional encoder–decoder for translation (Luong et al. 2015, "Effective Approaches to
 * Attention-based Neural Machine Translation", global dot attention): a GRU encodes the source; the decoder GRU starts from tanh(W·mean of the encoder states) and reads the previous
 * target word; each decoder state attends over the encoder states (padding masked), and tanh(W_c[h; c]) feeds
 * the softmax over the target vocabulary. Without input feeding, the decoder runs over a whole target sentence
 * in one call under teacher forcing; {@link #greedy} decodes word by word. Owns the native memory of its
 * parameters; close it when done.
 */
public final class Seq2SeqNet implements AutoCloseable {
    /** Sizes: embedding E, hidden H, dropout rate on embeddings and attentional states. */
    public record Dims(int embedding, int hidden, float dropout) {
        public Dims {
            if (embedding < 1 || hidden < 1 || dropout < 0 || dropout >= 1) {
                throw new IllegalArgumentException("embedding and hidden ≥ 1, dropout in [0, 1)");
            }
        }
    }

    private final NDManager manager;
    private final Dims dims;
    private final Parameter sourceEmbedding;
    private final Parameter targetEmbedding;
    private final GRU encoder;
    private final GRU decoder;
    private final Linear bridge;
    private final Linear combine;
    private final Linear output;
    private final List<Parameter> parameters = new ArrayList<>();

    /** Builds and initialises the model for the vocabularies' sizes under {@code manager} (which it then owns). */
    public Seq2SeqNet(NDManager manager, int sourceVocabulary, int targetVocabulary, Dims dims) {
        this.manager = manager;
        this.dims = dims;
        int e = dims.embedding();
        int h = dims.hidden();
        sourceEmbedding = embedding("source_embedding", sourceVocabulary, e);
        targetEmbedding = embedding("target_embedding", targetVocabulary, e);
        encoder = GRU.builder().setStateSize(h).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
        decoder = GRU.builder().setStateSize(h).setNumLayers(1).optBatchFirst(true).optReturnState(true).build();
        bridge = Linear.builder().setUnits(h).build();
        combine = Linear.builder().setUnits(h).build();
        output = Linear.builder().setUnits(targetVocabulary).build();
        init(encoder, new Shape(1, 1, e));
        init(decoder, new Shape(1, 1, e));
        init(bridge, new Shape(1, h));
        init(combine, new Shape(1, 2L * h));
        init(output, new Shape(1, h));
    }

    private Parameter embedding(String name, int vocabulary, int dim) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optShape(new Shape(vocabulary, dim)).optInitializer(new NormalInitializer(0.1f)).build();
        p.initialize(manager, DataType.FLOAT32);
        parameters.add(p);
        return p;
    }

    private void init(Block b, Shape input) {
        b.initialize(manager, DataType.FLOAT32, input);
        for (Pair<String, Parameter> p : b.getParameters()) {
            parameters.add(p.getValue());
        }
    }

    /** The encoder's output for one batch: states [B, Ls, H], the source mask [B, 1, Ls] and the decoder's start state [1, B, H]. */
    public record Encoded(NDArray states, NDArray mask, NDArray start) {
    }

    /** Encodes source ids [B, Ls] (0 = padding). */
    public Encoded encode(ParameterStore ps, NDArray source, boolean training) {
        Device d = source.getDevice();
        NDArray emb = dropout(Embedding.embedding(source, ps.getValue(sourceEmbedding, d, training),
                SparseFormat.DENSE).singletonOrThrow(), training);
        NDArray states = encoder.forward(ps, new NDList(emb), training).head();         // [B, Ls, H]
        NDArray mask = source.gt(0).toType(DataType.FLOAT32, false);                   // [B, Ls]
        NDArray mean = states.mul(mask.expandDims(2)).sum(new int[] {1})
                .div(mask.sum(new int[] {1}, true).maximum(1f));                        // [B, H]
        NDArray start = bridge.forward(ps, new NDList(mean), training).head().tanh().expandDims(0);
        return new Encoded(states, mask.expandDims(1), start);
    }

    /** Decoder logits [B, Lt, V] for target inputs [B, Lt] from state {@code state} [1, B, H], and the new state. */
    public NDList decode(ParameterStore ps, Encoded enc, NDArray targetIn, NDArray state, boolean training) {
        Device d = targetIn.getDevice();
        NDArray emb = dropout(Embedding.embedding(targetIn, ps.getValue(targetEmbedding, d, training),
                SparseFormat.DENSE).singletonOrThrow(), training);
        NDList out = decoder.forward(ps, new NDList(emb, state), training);
        NDArray h = out.get(0);                                                            // [B, Lt, H]
        NDArray scores = h.batchMatMul(enc.states().transpose(0, 2, 1))                    // [B, Lt, Ls]
                .add(enc.mask().sub(1f).mul(1e9f));
        NDArray context = scores.softmax(2).batchMatMul(enc.states());                     // [B, Lt, H]
        NDArray att = combine.forward(ps, new NDList(h.concat(context, 2)), training).head().tanh();
        NDArray logits = output.forward(ps, new NDList(dropout(att, training)), training).head();
        return new NDList(logits, out.get(1));
    }

    /**
     * Per-sentence mean token cross-entropy [B] under teacher forcing: {@code targetIn} = start mark then the
     * target, {@code targetOut} = the target then the end mark, both [B, Lt] with 0 padding.
     */
    public NDArray sentenceLoss(ParameterStore ps, NDArray source, NDArray targetIn, NDArray targetOut, boolean training) {
        Encoded enc = encode(ps, source, training);
        NDArray logits = decode(ps, enc, targetIn, enc.start(), training).get(0);
        NDArray nll = logits.logSoftmax(2).gather(targetOut.expandDims(2), 2).squeeze(2).neg(); // [B, Lt]
        NDArray mask = targetOut.gt(0).toType(DataType.FLOAT32, false);
        return nll.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}).maximum(1f));
    }

    /** Greedy decoding of source ids [B, Ls]: at most {@code maxLength} words per sentence, ids [B][≤ maxLength + 1]. */
    public int[][] greedy(ParameterStore ps, NDArray source, int maxLength) {
        NDManager m = source.getManager();
        int b = (int) source.getShape().get(0);
        Encoded enc = encode(ps, source, false);
        NDArray state = enc.start();
        NDArray prev = m.full(new Shape(b, 1), Vocabulary.BOS, DataType.INT64);
        int[][] steps = new int[maxLength + 1][];
        boolean[] done = new boolean[b];
        int t = 0;
        for (; t <= maxLength; t++) {
            NDList out = decode(ps, enc, prev, state, false);
            prev = out.get(0).argMax(2).toType(DataType.INT64, false);                    // [B, 1]
            state = out.get(1);
            long[] ids = prev.toLongArray();
            steps[t] = new int[b];
            boolean all = true;
            for (int i = 0; i < b; i++) {
                steps[t][i] = (int) ids[i];
                done[i] |= ids[i] == Vocabulary.EOS;
                all &= done[i];
            }
            if (all) {
                t++;
                break;
            }
        }
        int[][] out = new int[b][t];
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < b; i++) {
                out[i][s] = steps[s][i];
            }
        }
        return out;
    }

    private NDArray dropout(NDArray x, boolean training) {
        return training && dims.dropout() > 0 ? Dropout.dropout(x, dims.dropout(), true).singletonOrThrow() : x;
    }

    /** Every trainable parameter. */
    public List<Parameter> parameters() {
        return List.copyOf(parameters);
    }

    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.getArray().size();
        }
        return n;
    }

    public NDManager manager() {
        return manager;
    }

    /** e.g. {@code gru-attention E128 H256 (3,100,000 parameters)}. */
    public String description() {
        return String.format(Locale.ROOT, "gru-attention E%d H%d dropout %.2f (%,d parameters)", dims.embedding(),
                dims.hidden(), dims.dropout(), parameterCount());
    }

    @Override
    public void close() {
        manager.close();
    }
}
