package dev.winnow.train;

/**
 * What one training step computed, for observers: the examples of the batch (indices into the training
 * split, their original ids and labels, loss weights or {@code null} = 1), each example's loss
 * −log softmax(z)_y, and, when an observer asked for outputs, the logits [B × C] and ‖h‖² [B] of the
 * very forward pass that was trained on (train mode, weights before this step's update).
 */
public record BatchResult(int epoch, int batch, int[] indices, long[] ids, int[] labels, float[] weights,
                          float[] losses, float[] logits, float[] hSquaredNorm, int classes) {
    public int size() {
        return indices.length;
    }
}
