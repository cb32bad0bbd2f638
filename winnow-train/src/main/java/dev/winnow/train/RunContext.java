package dev.winnow.train;

import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Examples;
import dev.winnow.train.model.ProxyNet;

/** What observers may use of a run in progress: the model, the data, and passes over examples. */
public interface RunContext {
    /** Outputs of an eval-mode pass over examples 0..N−1 of a split, index order. */
    record Outputs(float[] logits, float[] hSquaredNorm, float[] features, int classes, int featureDim) {
        /** The fraction of {@code examples} (the ones these outputs are of, in order) whose argmax logit is the label. */
        public double accuracy(Examples examples) {
            int correct = 0;
            for (int i = 0; i < examples.size(); i++) {
                int best = 0;
                for (int k = 1; k < classes; k++) {
                    if (logits[i * classes + k] > logits[i * classes + best]) {
                        best = k;
                    }
                }
                if (best == examples.label(i)) {
                    correct++;
                }
            }
            return (double) correct / examples.size();
        }
    }

    int run();

    long seed();

    TrainConfig config();

    DataBundle data();

    ProxyNet net();

    /**
     * One eval-mode forward pass over every example of {@code examples} in index order: logits [N × C],
     * ‖h‖² [N], and the features h [N × D] when {@code withFeatures}. Counted in the current phase.
     */
    Outputs forwardAll(Examples examples, boolean withFeatures);

    /**
     * ∂z_y/∂x in eval mode, the gradient of each example's true-class logit with respect to its input,
     * for examples {@code from..to} (index order) of a dense split: [(to − from) × width]. Counted as a
     * forward and a backward per example in the current phase.
     */
    float[] inputGradients(Examples examples, int from, int to);
}
