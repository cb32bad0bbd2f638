package dev.winnow.train;

import dev.winnow.WinnowException;
import dev.winnow.train.data.DataBundle;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LearningCurveTest {
    @Test
    void everySecondEpochAndTheLastMakeTheCurve() {
        // 120 training examples, 60 test; 5 epochs evaluated after epochs 2, 4 and (the last) 5
        DataBundle data = Synthetic.blobs(120, 4, 3, 7);
        TrainResult r = ProxyTrainer.train(data, TrainingLoopTest.mlp().optEpochs(5).optEvalEvery(2).build());
        List<CurvePoint> curve = r.curve();
        assertThat(curve).extracting(CurvePoint::epoch).containsExactly(2, 4, 5);
        // every epoch backpropagates the 120 training examples once: 2·120, 4·120, 5·120 cumulated
        assertThat(curve).extracting(CurvePoint::backwardExamples).containsExactly(240L, 480L, 600L);
        assertThat(curve).extracting(CurvePoint::seconds).isSorted().allSatisfy(s -> assertThat(s).isPositive());
        assertThat(curve.get(2).testAccuracy()).isEqualTo(r.finalTestAccuracy());
        // epochs 1 and 3 were not evaluated: no accuracy, nothing forward, no seconds
        for (int e : new int[] {0, 2}) {
            EpochMetrics m = r.epochs().get(e);
            assertThat(m.testAccuracy()).isNaN();
            assertThat(m.evalForward()).isZero();
            assertThat(m.evalSeconds()).isZero();
        }
        assertThat(r.evalForward()).isEqualTo(3 * 60);
        // the curve's seconds leave evaluation out: its last point plus evaluation is the whole run
        assertThat(curve.get(2).seconds() + r.evaluationSeconds()).isCloseTo(r.phaseSeconds().get("total"), within(1e-9));
    }

    @Test
    void zeroEvaluatesOnlyAfterTheLastEpochAndOneAfterEach() {
        DataBundle data = Synthetic.blobs(90, 4, 3, 8);
        TrainResult last = ProxyTrainer.train(data, TrainingLoopTest.mlp().optEpochs(3).optEvalEvery(0).build());
        assertThat(last.curve()).extracting(CurvePoint::epoch).containsExactly(3);
        assertThat(last.curve()).extracting(CurvePoint::backwardExamples).containsExactly(270L);
        assertThat(last.evalForward()).isEqualTo(45);
        TrainResult each = ProxyTrainer.train(data, TrainingLoopTest.mlp().optEpochs(3).build());
        assertThat(each.curve()).extracting(CurvePoint::epoch).containsExactly(1, 2, 3);
        assertThat(each.curve()).extracting(CurvePoint::backwardExamples).containsExactly(90L, 180L, 270L);
        assertThat(each.curve()).extracting(CurvePoint::testAccuracy)
                .containsExactly(each.epochs().stream().mapToDouble(EpochMetrics::testAccuracy).boxed().toArray(Double[]::new));
        // evaluating does not disturb training: the same seed ends with the same model either way
        assertThat(each.finalTestAccuracy()).isEqualTo(last.finalTestAccuracy());
        assertThat(each.epochs().get(2).trainLoss()).isEqualTo(last.epochs().get(2).trainLoss());
    }

    @Test
    void noTestSplitNoCurveAndANegativeIntervalIsRefused() {
        DataBundle blobs = Synthetic.blobs(40, 4, 2, 9);
        DataBundle noTest = new DataBundle(blobs.name(), blobs.description(), blobs.train(),
                blobs.test().head(0), blobs.classes(), blobs.classNames(), 0);
        assertThat(ProxyTrainer.train(noTest, TrainingLoopTest.mlp().optEpochs(2).build()).curve()).isEmpty();
        assertThatThrownBy(() -> TrainingLoopTest.mlp().optEvalEvery(-1).build())
                .isInstanceOf(WinnowException.class).hasMessageContaining("--eval-every must be ≥ 0");
        TrainConfig c = TrainingLoopTest.mlp().build();
        assertThat(c.evalEvery()).isEqualTo(1);
        assertThat(c.withEvalEvery(3).withSeed(5).withEpochs(7).evalEvery()).isEqualTo(3);
        // the old parameter list still builds, evaluating after every epoch
        assertThat(new TrainConfig(c.model(), c.optimizer(), c.learningRate(), c.momentum(), c.weightDecay(),
                c.schedule(), c.epochs(), c.batchSize(), c.seed(), c.evalBatchSize())).isEqualTo(c);
    }
}
