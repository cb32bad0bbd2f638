package dev.winnow.train.djl;

import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.translate.TranslateException;
import dev.winnow.WinnowException;

import java.io.IOException;
import java.util.Arrays;

/**
 * A forward-only pass in eval mode ({@link Trainer#evaluate}: no gradients, no dropout) over every example
 * of a dataset in index order: the checkpoint observation of {@link DynamicsListener} and the refresh pass of
 * {@link PruningSampler}. Its batches come from a sequence sampler given explicitly, whatever sampler the
 * dataset trains with.
 */
final class EvalPass {
    /**
     * Row-major [N × C] logits, ‖h‖² per example when asked for (else {@code null}), and the class label of
     * each example as its record's first label gives it.
     */
    record Outputs(float[] logits, float[] hSquaredNorm, int[] labels, int classes) {
    }

    private EvalPass() {
    }

    /** The pass; {@code classes} −1 takes C from the model's output. */
    static Outputs run(Trainer trainer, RandomAccessDataset data, int classes, int batchSize, boolean withH) {
        long size = data.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new WinnowException("a pass over " + size + " examples does not fit one array");
        }
        int n = (int) size;
        int c = classes;
        float[] logits = null;
        float[] h2 = withH ? new float[n] : null;
        int[] labels = new int[n];
        try {
            for (Batch batch : data.getData(trainer.getManager(), new BatchSampler(new SequenceSampler(), batchSize, false))) {
                try (batch) {
                    int[] idx = BatchOutputs.indices(batch);
                    NDList out = trainer.evaluate(batch.getData());
                    if (logits == null) {
                        c = c > 0 ? c : Math.toIntExact(out.get(0).getShape().get(out.get(0).getShape().dimension() - 1));
                        if ((long) n * c > Integer.MAX_VALUE - 16) {
                            throw new WinnowException("logits of " + n + " examples × " + c + " classes do not fit one array");
                        }
                        logits = new float[n * c];
                        Arrays.fill(logits, Float.NaN);
                    }
                    float[] z = BatchOutputs.logits(out, idx.length, c);
                    int[] y = BatchOutputs.classLabels(batch.getLabels(), idx.length);
                    float[] sq = withH ? BatchOutputs.squaredNorms(out, idx.length) : null;
                    for (int k = 0; k < idx.length; k++) {
                        System.arraycopy(z, k * c, logits, idx[k] * c, c);
                        labels[idx[k]] = y[k];
                        if (sq != null) {
                            h2[idx[k]] = sq[k];
                        }
                    }
                }
            }
        } catch (IOException | TranslateException e) {
            throw new WinnowException("the eval pass over the training set failed (" + e.getMessage() + ")", e);
        }
        if (logits == null) {
            throw new WinnowException("the eval pass found no examples in the training set");
        }
        return new Outputs(logits, h2, labels, c);
    }
}
