package dev.winnow.train.djl;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import ai.djl.translate.TranslateException;

import java.io.IOException;

/**
 * A dataset's records, each with its loss weight in the current epoch appended to its labels (a scalar
 * float32; batched, the last label is [B]), sampled by the {@link PruningSampler} that knows the weights.
 * Indices are the wrapped dataset's: ids survive, and the checkpoint pass sees the same examples.
 */
final class WeightedDataset extends RandomAccessDataset {
    private final RandomAccessDataset source;
    private final PruningSampler sampler;

    WeightedDataset(RandomAccessDataset source, PruningSampler sampler) {
        super(new Builder().setSampling(sampler));
        this.source = source;
        this.sampler = sampler;
    }

    @Override
    public Record get(NDManager manager, long index) throws IOException {
        Record r = source.get(manager, index);
        NDList labels = new NDList(r.getLabels());
        labels.add(manager.create(sampler.weight(index)));
        return new Record(r.getData(), labels);
    }

    @Override
    protected long availableSize() {
        return source.size();
    }

    @Override
    public void prepare(Progress progress) throws IOException, TranslateException {
        source.prepare(progress);
    }

    private static final class Builder extends BaseBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
