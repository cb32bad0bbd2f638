package dev.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Trainable word embeddings for token ids [B, L] (0 = padding). {@link Mode#MEAN} returns the mean of
 * the embeddings of the non-padding tokens [B, E] (a bag of words); {@link Mode#SEQUENCE} returns the
 * embeddings as channels × time [B, E, L] for 1-D convolutions, padding positions zeroed.
 */
public final class TokenEmbedding extends AbstractBlock {
    public enum Mode { MEAN, SEQUENCE }

    private final int vocabulary;
    private final int dim;
    private final Mode mode;
    private final Parameter weight;

    public TokenEmbedding(int vocabulary, int dim, Mode mode) {
        super((byte) 1);
        this.vocabulary = vocabulary;
        this.dim = dim;
        this.mode = mode;
        this.weight = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.OTHER)
                .optShape(new Shape(vocabulary, dim)).optInitializer(new NormalInitializer(0.1f)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, tokens.getDevice(), training);
        NDArray e = Embedding.embedding(tokens, w, SparseFormat.DENSE).singletonOrThrow(); // [B, L, E]
        NDArray mask = tokens.gt(0).toType(DataType.FLOAT32, false).expandDims(2);      // [B, L, 1]
        NDArray masked = e.mul(mask);
        if (mode == Mode.SEQUENCE) {
            return new NDList(masked.transpose(0, 2, 1));
        }
        NDArray count = mask.sum(new int[] {1}).maximum(1f);                            // [B, 1]
        return new NDList(masked.sum(new int[] {1}).div(count));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return mode == Mode.MEAN ? new Shape[] {new Shape(in.get(0), dim)}
                : new Shape[] {new Shape(in.get(0), dim, in.get(1))};
    }

    public int vocabulary() {
        return vocabulary;
    }
}
