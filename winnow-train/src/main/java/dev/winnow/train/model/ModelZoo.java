package dev.winnow.train.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
import dev.winnow.WinnowException;
import dev.winnow.train.data.DataBundle;

import java.util.ArrayList;
import java.util.List;

/**
 * The proxy models. Each is a body (input → features h) and a linear head (h → logits):
 * <ul>
 *   <li>{@code logreg}: h = the flattened input; multinomial logistic regression.</li>
 *   <li>{@code mlp}: flatten, then Linear+ReLU per hidden size (default 256,128).</li>
 *   <li>{@code cnn}: for [1, H, W] images: two 3×3 conv (16, 32 channels) + ReLU + 2×2 max-pool, then
 *       Linear 128 + ReLU.</li>
 *   <li>{@code resnet}: a small residual net (He et al. 2016): 3×3 conv stem (16) and three basic
 *       blocks (16, 32 stride 2, 64 stride 2) with batch norm, global average pool; h has 64 values.</li>
 *   <li>{@code textbag}: the mean of trainable word embeddings, then Linear+ReLU per hidden size
 *       (default 128) (a fastText-like bag of words, Joulin et al. 2017).</li>
 *   <li>{@code textcnn}: word embeddings, 1-D convolutions of widths 3, 4, 5 (100 filters each) + ReLU,
 *       max over time, concatenated (Kim 2014); h has 300 values.</li>
 * </ul>
 * Weights are He-initialised (Gaussian, fan-in); initialisation draws from the engine's seeded RNG. The image
 * models run channels-last inside ({@link #channelsLast()}).
 */
public final class ModelZoo {
    private ModelZoo() {
    }

    /** Builds and initialises {@code spec} for {@code data}'s input shape and classes. */
    public static ProxyNet build(ModelSpec spec, DataBundle data) {
        if (spec.isText() != data.isText()) {
            throw new WinnowException("--model " + spec.name() + " needs " + (spec.isText() ? "text data (text:…)" : "dense inputs (images or csv)")
                    + ", but " + data.name() + " is " + (data.isText() ? "text" : "dense"));
        }
        int classes = data.classes();
        long[] ex = data.isText() ? null : data.train().exampleShape();
        SequentialBlock body = new SequentialBlock();
        int minLength = 1;
        String arch;
        Shape input;
        switch (spec.name()) {
            case "logreg" -> {
                body.add(Blocks.batchFlattenBlock());
                arch = "logreg " + data.train().width() + "-" + classes;
            }
            case "mlp" -> {
                body.add(Blocks.batchFlattenBlock());
                StringBuilder a = new StringBuilder("mlp " + data.train().width());
                for (int h : spec.hidden()) {
                    body.add(Linear.builder().setUnits(h).build()).add(Activation.reluBlock());
                    a.append('-').append(h);
                }
                arch = a.append('-').append(classes).toString();
            }
            case "cnn" -> {
                requireImage(spec, ex);
                body.add(channelsLast()).add(conv(16, 1)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                        .add(conv(32, 1)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock());
                arch = "cnn conv16-conv32-fc128-" + classes;
            }
            case "resnet" -> {
                requireImage(spec, ex);
                body.add(channelsLast()).add(conv(16, 1)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                        .add(residual(16, 16, 1)).add(residual(16, 32, 2)).add(residual(32, 64, 2))
                        .add(Pool.globalAvgPool2dBlock());
                arch = "resnet stem16-res16-res32-res64-gap-" + classes;
            }
            case "textbag" -> {
                body.add(new TokenEmbedding(data.vocabularySize(), spec.embedding(), TokenEmbedding.Mode.MEAN));
                StringBuilder a = new StringBuilder("textbag emb" + spec.embedding());
                for (int h : spec.hidden()) {
                    body.add(Linear.builder().setUnits(h).build()).add(Activation.reluBlock());
                    a.append('-').append(h);
                }
                arch = a.append('-').append(classes).toString();
            }
            case "textcnn" -> {
                body.add(new TokenEmbedding(data.vocabularySize(), spec.embedding(), TokenEmbedding.Mode.SEQUENCE));
                List<Block> branches = new ArrayList<>();
                for (int k : new int[] {3, 4, 5}) {
                    branches.add(new SequentialBlock()
                            .add(new WindowConv(spec.embedding(), k, 100))
                            .add(Activation.reluBlock())
                            .add(new LambdaBlock(l -> new NDList(l.singletonOrThrow().max(new int[] {2})))));
                }
                body.add(new ParallelBlock(l -> {
                    NDList all = new NDList();
                    for (NDList b : l) {
                        all.add(b.singletonOrThrow());
                    }
                    return new NDList(NDArrays.concat(all, 1));
                }, branches));
                minLength = 5;
                arch = "textcnn emb" + spec.embedding() + "-conv3,4,5×100-max-" + classes;
            }
            default -> throw new WinnowException("unknown model " + spec.name());
        }
        if (spec.dropout() > 0) {
            body.add(Dropout.builder().optRate(spec.dropout()).build());
        }
        if (data.isText()) {
            input = new Shape(2, Math.max(minLength, 8));
        } else {
            long[] s = new long[ex.length + 1];
            s[0] = 2;
            System.arraycopy(ex, 0, s, 1, ex.length);
            input = new Shape(s);
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            body.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                    Parameter.Type.WEIGHT);
            body.initialize(manager, DataType.FLOAT32, input);
            Shape h = body.getOutputShapes(new Shape[] {input})[0];
            int d = (int) h.get(1);
            Linear head = Linear.builder().setUnits(classes).build();
            head.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 1),
                    Parameter.Type.WEIGHT);
            head.initialize(manager, DataType.FLOAT32, new Shape(2, d));
            ProxyNet net = new ProxyNet(manager, body, head, d, classes, minLength, arch);
            return new ProxyNet(manager, body, head, d, classes, minLength,
                    arch + String.format(" (%,d parameters, h of %d)", net.parameterCount(), d));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static void requireImage(ModelSpec spec, long[] ex) {
        if (ex == null || ex.length != 3) {
            throw new WinnowException("--model " + spec.name() + " needs images [channels, height, width]"
                    + " (fashion-mnist, idx:DIR); use mlp or logreg for tabular data");
        }
    }

    /**
     * The images in channels-last memory order ([N, C, H, W] by shape, stored as [N, H, W, C]; a view when C is 1, a
     * copy otherwise). PyTorch keeps that order through convolution, ReLU, pooling and batch norm, so oneDNN's
     * convolutions need no reorder and max-pooling runs its vectorised channels-last kernel instead of a scalar
     * loop per plane (its NCHW kernel took 28 % of a CNN step's CPU time). A plain DJL step of the CNN, batch 128,
     * one thread: 25.7 ms in NCHW, 14.4–14.9 ms channels-last; a ResNet epoch on 3,000 images: 3.21 s → 2.42 s.
     * Flattening for the dense layers copies back to [N, C·H·W] in the same order as before, so the model computes
     * the same function; sums may run in another order, so results can differ in the last bits.
     */
    static Block channelsLast() {
        return LambdaBlock.singleton(x -> {
            Shape s = x.getShape();
            return x.transpose(0, 2, 3, 1).reshape(-1).reshape(s.get(0), s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
        }, "channelsLast");
    }

    private static Conv2d conv(int filters, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .optStride(new Shape(stride, stride)).setFilters(filters).build();
    }

    private static Block residual(int in, int out, int stride) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(out, stride)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(out, 1)).add(BatchNorm.builder().build());
        Block shortcut = in == out && stride == 1 ? Blocks.identityBlock()
                : new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).optStride(new Shape(stride, stride))
                                .setFilters(out).optBias(false).build())
                        .add(BatchNorm.builder().build());
        return new ParallelBlock(l -> {
            NDArray sum = l.get(0).singletonOrThrow().add(l.get(1).singletonOrThrow());
            return new NDList(Activation.relu(sum));
        }, List.of(main, shortcut));
    }
}
