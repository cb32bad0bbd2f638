package dev.winnow.train;

import dev.winnow.dynamics.Signal;
import dev.winnow.policy.FullPolicy;
import dev.winnow.policy.UniformPolicy;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.model.ModelSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What one copy per batch brings back: each loss is −log softmax(logits)_y of the same row, ‖h‖² is a squared norm. */
class BatchOutputsTest {
    @Test
    void lossesAndLogitsOfABatchComeFromTheSameRows() {
        DataBundle data = Synthetic.images(90, 3);
        TrainConfig cfg = TrainConfig.builder().setModel(ModelSpec.of("cnn")).optEpochs(2).optBatchSize(32).optSeed(1).build();
        List<BatchResult> seen = new ArrayList<>();
        TrainingObserver o = new TrainingObserver() {
            @Override
            public boolean needsOutputs() {
                return true;
            }

            @Override
            public void onBatch(BatchResult b) {
                seen.add(b);
            }
        };
        try (ProxyTrainer t = new ProxyTrainer(data, cfg, 0)) {
            t.train(new FullPolicy(90), List.of(o));
        }
        assertThat(seen).hasSize(2 * 3);
        for (BatchResult b : seen) {
            for (int k = 0; k < b.size(); k++) {
                assertThat(b.losses()[k]).isCloseTo(Signal.loss(b.logits(), k * b.classes(), b.classes(), b.labels()[k]), within(1e-5f));
                assertThat(b.hSquaredNorm()[k]).isGreaterThanOrEqualTo(0f).isLessThan(Float.POSITIVE_INFINITY);
            }
        }
    }

    @Test
    void aPrunedEpochTrainsItsDrawnExamplesOnlyAndLossesNeedNoOutputs() {
        DataBundle data = Synthetic.blobs(100, 4, 3, 8);
        TrainConfig cfg = TrainingLoopTest.mlp().optEpochs(6).build();
        List<BatchResult> seen = new ArrayList<>();
        TrainingObserver o = new TrainingObserver() {
            @Override
            public void onBatch(BatchResult b) {
                seen.add(b);
            }
        };
        try (ProxyTrainer t = new ProxyTrainer(data, cfg, 0)) {
            TrainResult r = t.train(new UniformPolicy(100, 2, 0.3), List.of(o));
            assertThat(r.epochs().get(5).trainLoss()).isLessThan(r.epochs().get(0).trainLoss());
        }
        Set<Integer> epoch1 = new HashSet<>();
        int count = 0;
        for (BatchResult b : seen) {
            assertThat(b.logits()).isNull();
            assertThat(b.losses()).hasSize(b.size());
            for (float l : b.losses()) {
                assertThat(l).isGreaterThanOrEqualTo(0f).isLessThan(Float.POSITIVE_INFINITY);
            }
            count += b.size();
            if (b.epoch() == 1) {
                for (int i : b.indices()) {
                    epoch1.add(i);
                }
            }
        }
        assertThat(count).isEqualTo(6 * 30);
        assertThat(epoch1).hasSize(30);
    }
}
