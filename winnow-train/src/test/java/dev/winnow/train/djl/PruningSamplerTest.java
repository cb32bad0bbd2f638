package dev.winnow.train.djl;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.policy.PolicySpec;
import dev.winnow.select.KeepList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The DJL sampler: keep-lists and dynamic policies on a RandomAccessDataset, weights into the loss. */
class PruningSamplerTest {
    @TempDir
    Path dir;

    /** Every third id of the fixture, the first five with weight 2.5. */
    private static KeepList everyThird(DjlFixture f) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < DjlFixture.N; i += 3) {
            ids.add(f.ids[i]);
        }
        double[] w = new double[ids.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = k < 5 ? 2.5 : 1;
        }
        return KeepList.given("test", ids.stream().mapToLong(Long::longValue).toArray(), w);
    }

    private static List<List<Long>> epoch(Iterator<List<Long>> it) {
        List<List<Long>> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void aKeepListGivesItsIndicesOncePerEpochInSeededBatchesWithTheirWeights() throws Exception {
        try (DjlFixture f = new DjlFixture()) {
            KeepList keep = everyThird(f);
            PruningSampler s = PruningSampler.keepList(keep, f.ids, 8, 2, 42);
            RandomAccessDataset data = s.weighted(f.dataset(s));
            List<List<Long>> e1 = epoch(s.sample(data));
            assertThat(e1.stream().map(List::size).toList()).containsExactly(8, 8, 8, 6);
            List<Long> flat = e1.stream().flatMap(List::stream).sorted().toList();
            List<Long> expected = new ArrayList<>();
            for (long i = 0; i < DjlFixture.N; i += 3) {
                expected.add(i);
            }
            assertThat(flat).isEqualTo(expected);
            assertThat(s.weight(0)).isEqualTo(2.5f);
            assertThat(s.weight(15)).isEqualTo(1f);
            List<List<Long>> e2 = epoch(s.sample(data));
            assertThat(e2).isNotEqualTo(e1);                           // a fresh order each epoch
            assertThatThrownBy(() -> s.sample(data)).hasMessageContaining("made for 2 epochs");
            PruningSampler again = PruningSampler.keepList(keep, f.ids, 8, 2, 42);
            assertThat(epoch(again.sample(again.weighted(f.dataset(again))))).isEqualTo(e1);   // same seed, same order

            // the weight rides along as the last label of each batch
            PruningSampler w = PruningSampler.keepList(keep, f.ids, 8, 1, 42);
            try (NDManager m = NDManager.newBaseManager()) {
                for (Batch b : w.weighted(f.dataset(w)).getData(m)) {
                    try (b) {
                        float[] weights = b.getLabels().get(1).toFloatArray();
                        float[] y = b.getLabels().get(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                        List<?> idx = b.getIndices();
                        for (int k = 0; k < weights.length; k++) {
                            int i = ((Number) idx.get(k)).intValue();
                            assertThat(weights[k]).isEqualTo(i < 15 ? 2.5f : 1f);
                            assertThat((int) y[k]).isEqualTo(f.labels[i]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aKeepListNamingIdsTheDatasetLacksIsRefused() {
        try (DjlFixture f = new DjlFixture()) {
            KeepList keep = KeepList.given("test", new long[] {1000, 77}, null);
            assertThatThrownBy(() -> PruningSampler.keepList(keep, f.ids, 8, 1, 0))
                    .isInstanceOf(WinnowException.class).hasMessage("example id 77 is not in the training set");
        }
    }

    @Test
    void trainingOnAWeightedKeepListLeavesTheDroppedExamplesUnobserved() throws Exception {
        try (DjlFixture f = new DjlFixture()) {
            PruningSampler s = PruningSampler.keepList(everyThird(f), f.ids, 8, 3, 1);
            DynamicsListener rec = DynamicsListener.builder(dir.resolve("store"), f.ids, f.labels, DjlFixture.C).build();
            try (Trainer t = f.trainer(new WeightedSoftmaxCrossEntropyLoss(), rec, s.listener())) {
                EasyTrain.fit(t, 3, s.weighted(f.dataset(s)), null);
            }
            DynamicsStore store = DynamicsStore.open(rec.store().orElseThrow());
            float[] loss = new float[DjlFixture.N];
            store.signal("loss", 2).get(loss);
            for (int i = 0; i < DjlFixture.N; i++) {
                assertThat(Float.isNaN(loss[i])).as("example " + i).isEqualTo(i % 3 != 0);
            }
        }
    }

    @Test
    void infoBatchLearnsFromTheListenersLossesAndWeighsWhatItKeeps() throws Exception {
        try (DjlFixture f = new DjlFixture()) {
            EpochPolicy policy = PolicySpec.parse("infobatch:0.5").build(DjlFixture.N, 3);
            PruningSampler s = new PruningSampler(policy, 16, 3, 3);
            List<Integer> sizes = new ArrayList<>();
            List<Boolean> weighted = new ArrayList<>();
            ai.djl.training.listener.TrainingListenerAdapter plans = new ai.djl.training.listener.TrainingListenerAdapter() {
                @Override
                public void onEpoch(Trainer trainer) {
                    sizes.add(s.plan().size());
                    weighted.add(s.plan().weighted());
                }
            };
            try (Trainer t = f.trainer(new WeightedSoftmaxCrossEntropyLoss(), s.listener(), plans)) {
                EasyTrain.fit(t, 3, s.weighted(f.dataset(s)), null);
            }
            // epoch 1 sees nothing yet: all 90; then below-mean examples are dropped at rate 0.5, kept ones weigh 2
            assertThat(sizes.get(0)).isEqualTo(DjlFixture.N);
            assertThat(weighted.get(0)).isFalse();
            assertThat(sizes.get(1)).isLessThan(DjlFixture.N).isGreaterThan(DjlFixture.N / 2);
            assertThat(weighted.get(1)).isTrue();
        }
    }

    @Test
    void theWeightedLossIsTheMeanOfWeightedCrossEntropies() {
        try (NDManager m = NDManager.newBaseManager()) {
            // logits [0, 0] and [ln 3, 0] for class 0: losses ln 2 and ln(4/3); weights 2 and 0.5
            NDList preds = new NDList(m.create(new float[] {0, 0, (float) Math.log(3), 0}, new Shape(2, 2)));
            NDList labels = new NDList(m.create(new int[] {0, 0}), m.create(new float[] {2f, 0.5f}));
            float loss = new WeightedSoftmaxCrossEntropyLoss().evaluate(labels, preds).getFloat();
            assertThat((double) loss).isCloseTo((2 * Math.log(2) + 0.5 * Math.log(4.0 / 3)) / 2, within(1e-6));
            float unweighted = new WeightedSoftmaxCrossEntropyLoss().evaluate(new NDList(labels.get(0)), preds).getFloat();
            assertThat((double) unweighted).isCloseTo((Math.log(2) + Math.log(4.0 / 3)) / 2, within(1e-6));
        }
    }
}
