package dev.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

/**
 * A 1-D convolution over time written as windows times a matrix: input [B, E, L] (channels × time, as
 * {@link TokenEmbedding.Mode#SEQUENCE} gives it), output [B, F, L − k + 1] with F filters of width k, the same
 * function as a {@code Conv1d} with kernel k, stride 1, no padding. Each output step is the k input steps it
 * covers, concatenated (E·k values), times a weight [E·k, F], plus a bias.
 *
 * <p>Why not DJL's {@code Conv1d}: on the PyTorch 2.7.1 CPU engine its backward pass now and then returned
 * non-finite input gradients for the same seed and data (1 run in 4 to 8, measured with a seeded text model),
 * which stopped training as "diverged"; slices, concatenation and a matrix product have no such path.
 */
public final class WindowConv extends AbstractBlock {
    private final int channels;
    private final int width;
    private final int filters;
    private final Parameter weight;
    private final Parameter bias;

    /** {@code filters} filters of width {@code width} over {@code channels} input channels. */
    public WindowConv(int channels, int width, int filters) {
        super((byte) 1);
        if (channels < 1 || width < 1 || filters < 1) {
            throw new IllegalArgumentException("channels, width and filters must be >= 1");
        }
        this.channels = channels;
        this.width = width;
        this.filters = filters;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(channels * width, filters)).optInitializer(new XavierInitializer()).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(filters)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                                   // [B, E, L]
        long steps = x.getShape().get(2) - width + 1;
        NDList shifted = new NDList(width);
        for (int j = 0; j < width; j++) {
            shifted.add(x.get(new NDIndex(":, :, {}:{}", j, j + steps)));        // [B, E, T]
        }
        NDArray windows = NDArrays.concat(shifted, 1).transpose(0, 2, 1);       // [B, T, E·k]
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return new NDList(windows.matMul(w).add(b).transpose(0, 2, 1));         // [B, F, T]
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), filters, in.get(2) - width + 1)};
    }

    /** The input channels E. */
    public int channels() {
        return channels;
    }
}
