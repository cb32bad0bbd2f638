package dev.winnow.train.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The channels-last view changes where values live, never which values: same shape, same entries, same gradient,
 * and a convolution and pooling give what they give on the NCHW input. */
class ChannelsLastTest {
    private static NDArray channelsLast(NDManager m, NDArray x) {
        return ModelZoo.channelsLast().forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
    }

    @Test
    void sameShapeSameEntriesSameGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (long c : new long[] {1, 3}) {
                Shape s = new Shape(2, c, 4, 5);
                NDArray x = m.arange((float) s.size()).reshape(s);
                x.setRequiresGradient(true);
                NDArray w = m.arange((float) s.size()).mul(-0.5f).reshape(s);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = channelsLast(m, x);
                    assertThat(y.getShape()).as("C=%d", c).isEqualTo(s);
                    assertThat(y.contentEquals(m.arange((float) s.size()).reshape(s))).as("C=%d", c).isTrue();
                    assertThat(y.getFloat(1, c - 1, 3, 4)).isEqualTo(s.size() - 1f);
                    gc.backward(y.mul(w).sum());
                }
                assertThat(x.getGradient().contentEquals(w)).as("C=%d", c).isTrue();
            }
        }
    }

    @Test
    void convolutionAndPoolingGiveTheSameValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            NDArray x = m.randomNormal(new Shape(4, 3, 8, 8));
            NDArray k = m.randomNormal(new Shape(6, 3, 3, 3));
            NDArray b = m.randomNormal(new Shape(6));
            Shape one = new Shape(1, 1);
            Shape two = new Shape(2, 2);
            NDArray plain = Pool.maxPool2d(Conv2d.conv2d(x, k, b, one, one, one, 1).singletonOrThrow(), two, two, new Shape(0, 0), false);
            NDArray cl = Pool.maxPool2d(Conv2d.conv2d(channelsLast(m, x), k, b, one, one, one, 1).singletonOrThrow(), two, two,
                    new Shape(0, 0), false);
            assertThat(cl.getShape()).isEqualTo(new Shape(4, 6, 4, 4));
            assertThat(cl.sub(plain).abs().max().getFloat()).isLessThan(1e-4f);
            assertThat(plain.abs().max().getFloat()).isGreaterThan(1f);
        }
    }
}
