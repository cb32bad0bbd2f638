package dev.winnow.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * A split whose dense inputs live on the engine's side once, as one [N, shape...] float32 array, so that a
 * batch is one gather by index there (a shuffled or pruned batch: {@link #batch}) or one view of a range
 * (passes in index order: {@link #range}) instead of a copy of every row from the Java heap. Text splits
 * stay on the Java side (their batches are padded to the longest row of each batch) and are handed to
 * {@link Examples#batch}. The native copy belongs to this object: close it when done.
 */
public final class ResidentSplit implements AutoCloseable {
    private final Examples examples;
    private final NDManager manager;
    private final NDArray inputs;
    private long[] index = new long[0];

    private ResidentSplit(Examples examples, NDManager manager, NDArray inputs) {
        this.examples = examples;
        this.manager = manager;
        this.inputs = inputs;
    }

    /** Copies the dense inputs of {@code examples} to the engine once (a manager under {@code parent}); text stays on the heap. */
    public static ResidentSplit of(Examples examples, NDManager parent) {
        NDManager m = parent.newSubManager();
        if (examples.isText() || examples.size() == 0) {
            return new ResidentSplit(examples, m, null);
        }
        long[] ex = examples.exampleShape();
        long[] shape = new long[ex.length + 1];
        shape[0] = examples.size();
        System.arraycopy(ex, 0, shape, 1, ex.length);
        try {
            return new ResidentSplit(examples, m, m.create(examples.denseView(), new Shape(shape)));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** The split these inputs are of. */
    public Examples examples() {
        return examples;
    }

    /** Whether the inputs are on the engine's side (dense data). */
    public boolean isResident() {
        return inputs != null;
    }

    /**
     * The inputs of examples {@code order[from..to)} in that order, attached to {@code batch}: one gather on
     * the engine for dense data, {@link Examples#batch} for text.
     */
    public NDArray batch(NDManager batch, int[] order, int from, int to, int minLength) {
        if (inputs == null) {
            return examples.batch(batch, order, from, to, minLength);
        }
        int b = to - from;
        if (index.length != b) {
            index = new long[b];
        }
        for (int k = 0; k < b; k++) {
            index[k] = order[from + k];
        }
        return inputs.get(batch, new NDIndex("{}", batch.create(index)));
    }

    /** The inputs of examples {@code from..to} in index order: a view of the resident array for dense data. */
    public NDArray range(NDManager batch, int from, int to, int minLength) {
        if (inputs == null) {
            return heapRange(examples, batch, from, to, minLength);
        }
        return inputs.get(batch, new NDIndex().addSliceDim(from, to));
    }

    /** The inputs of examples {@code from..to} of {@code examples} in index order, copied from the Java heap. */
    public static NDArray heapRange(Examples examples, NDManager batch, int from, int to, int minLength) {
        int[] order = new int[to - from];
        for (int k = 0; k < order.length; k++) {
            order[k] = from + k;
        }
        return examples.batch(batch, order, 0, order.length, minLength);
    }

    @Override
    public void close() {
        manager.close();
    }
}
