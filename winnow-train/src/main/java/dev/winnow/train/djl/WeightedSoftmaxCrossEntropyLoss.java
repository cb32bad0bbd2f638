package dev.winnow.train.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy with a loss weight per example: (1/B) Σᵢ wᵢ · (−log softmax(zᵢ)_{yᵢ}), the loss of
 * Winnow's own training loop, so that a {@code calibrated} keep-list's weights (which sum to N) or
 * InfoBatch's 1/(1−r) keep the loss an estimate of the full-data loss (Ayed &amp; Hayou 2023; Qin et al. 2024).
 *
 * <p>z is the model's first output (class logits; further outputs, such as h, are ignored); y the first label
 * (class indices, [B] or [B, 1]); w the <em>last</em> label when there are at least two, as
 * {@link PruningSampler#weighted} appends it; with one label every weight is 1.
 */
public final class WeightedSoftmaxCrossEntropyLoss extends Loss {
    public WeightedSoftmaxCrossEntropyLoss() {
        super("WeightedSoftmaxCrossEntropyLoss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray z = predictions.get(0);
        long b = z.getShape().get(0);
        int c = Math.toIntExact(z.getShape().get(1));
        NDArray y = labels.get(0).toType(DataType.INT32, false).reshape(b);
        NDArray perExample = z.logSoftmax(1).mul(y.oneHot(c, z.getDataType())).sum(new int[] {1}).neg();
        if (labels.size() > 1) {
            perExample = perExample.mul(labels.get(labels.size() - 1).toType(z.getDataType(), false).reshape(b));
        }
        return perExample.sum().div(b);
    }
}
