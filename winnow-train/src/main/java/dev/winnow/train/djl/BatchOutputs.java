package dev.winnow.train.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
import dev.winnow.WinnowException;

import java.util.List;
import java.util.Map;

/**
 * What a DJL training batch says about its examples, copied to the heap inside the listener callback (the
 * arrays close with the batch): their dataset indices, the model's class logits, its optional second output
 * (the head's input h) and the class labels. One device only: with several, each split carries the whole
 * index list while the predictions are per device, so the rows could not be matched to examples.
 */
final class BatchOutputs {
    private BatchOutputs() {
    }

    /** The dataset indices of the batch's examples (what the sampler gave). */
    static int[] indices(Batch batch) {
        List<?> list = batch.getIndices();
        if (list == null) {
            throw new WinnowException("the training batch carries no example indices; iterate a RandomAccessDataset"
                    + " (its batches know their indices)");
        }
        int[] out = new int[list.size()];
        for (int k = 0; k < out.length; k++) {
            long v = ((Number) list.get(k)).longValue();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new WinnowException("batch index " + v + " is out of range");
            }
            out[k] = (int) v;
        }
        return out;
    }

    /** The single device's entry of a per-device map of a batch's arrays. */
    static NDList single(Map<?, NDList> perDevice, String what) {
        if (perDevice.size() != 1) {
            throw new WinnowException("Winnow's DJL listener records from one device; this batch has " + what
                    + " on " + perDevice.size());
        }
        return perDevice.values().iterator().next();
    }

    /** Row-major [B × C] float logits of output {@code 0}, checked against B and C. */
    static float[] logits(NDList predictions, int rows, int classes) {
        return matrix(predictions.get(0), rows, classes, "the model's first output (class logits)");
    }

    /** ‖h‖² of each row of output {@code 1} (the head's input h, [B, D]). */
    static float[] squaredNorms(NDList predictions, int rows) {
        if (predictions.size() < 2) {
            throw new WinnowException("recording grad_norm needs the model to return (logits, h): it returned "
                    + predictions.size() + " array");
        }
        float[] h = matrix(predictions.get(1), rows, -1, "the model's second output (h)");
        int d = h.length / Math.max(1, rows);
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int j = r * d; j < (r + 1) * d; j++) {
                s += (double) h[j] * h[j];
            }
            out[r] = (float) s;
        }
        return out;
    }

    private static float[] matrix(NDArray a, int rows, int cols, String what) {
        Shape s = a.getShape();
        if (s.dimension() != 2 || s.get(0) != rows || (cols >= 0 && s.get(1) != cols)) {
            throw new WinnowException(what + " has shape " + s + ", expected (" + rows + ", "
                    + (cols >= 0 ? Integer.toString(cols) : "D") + ")");
        }
        return a.toType(DataType.FLOAT32, false).toFloatArray();
    }

    /** Class labels of the batch: the first label array, [B] or [B, 1], as ints. */
    static int[] classLabels(NDList labels, int rows) {
        NDArray y = labels.get(0);
        Shape s = y.getShape();
        if (s.size() != rows || s.dimension() > 2) {
            throw new WinnowException("the first label array has shape " + s + ", expected (" + rows
                    + ") class indices");
        }
        return y.toType(DataType.INT32, false).toIntArray();
    }

    /** Per-example softmax cross-entropy −log softmax(z)_y of row-major logits. */
    static float[] losses(float[] logits, int[] labels, int classes) {
        float[] out = new float[labels.length];
        for (int k = 0; k < labels.length; k++) {
            if (labels[k] < 0 || labels[k] >= classes) {
                throw new WinnowException("label " + labels[k] + " is outside [0, " + classes + ")");
            }
            out[k] = dev.winnow.dynamics.Signal.loss(logits, k * classes, classes, labels[k]);
        }
        return out;
    }

    /** The predictions and labels of a training batch on its one device. */
    static NDList predictions(TrainingListener.BatchData data) {
        return single(data.getPredictions(), "predictions");
    }

    static NDList labels(TrainingListener.BatchData data) {
        return single(data.getLabels(), "labels");
    }
}
