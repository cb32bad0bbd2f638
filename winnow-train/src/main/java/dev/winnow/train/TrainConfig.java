package dev.winnow.train;

import dev.winnow.WinnowException;
import dev.winnow.train.model.ModelSpec;

/**
 * How to train one proxy or target model. Validated on construction; build with {@link #builder()}
 * ({@code setModel} required, the rest {@code opt…} with defaults: sgd, lr 0.05 (sgd) / 0.001 (adam),
 * momentum 0.9, no weight decay (a rate of 0 freezes the model: useful for probes), cosine schedule, 10 epochs, batch 128, seed 0,
 * evaluation on the test split after every epoch).
 *
 * @param evalEvery evaluate on the test split after every {@code evalEvery}-th epoch and after the last one;
 *                  0 = after the last epoch only. Evaluating is not free, and a learning curve needs it:
 *                  this sets how many points the curve has ({@link TrainResult#curve()})
 */
public record TrainConfig(ModelSpec model, OptimizerKind optimizer, float learningRate, float momentum,
                          float weightDecay, Schedule schedule, int epochs, int batchSize, long seed,
                          int evalBatchSize, int evalEvery) {
    /** Evaluate after every epoch (the default). */
    public static final int EVAL_EVERY_EPOCH = 1;

    public TrainConfig {
        if (model == null || optimizer == null || schedule == null) {
            throw new IllegalArgumentException("model, optimizer and schedule are required");
        }
        if (!(learningRate >= 0) || !Float.isFinite(learningRate)) {
            throw new WinnowException("--lr must be a number ≥ 0, got " + learningRate);
        }
        if (momentum < 0 || momentum >= 1) {
            throw new WinnowException("--momentum must be in [0, 1), got " + momentum);
        }
        if (weightDecay < 0) {
            throw new WinnowException("--weight-decay must be ≥ 0, got " + weightDecay);
        }
        if (epochs < 1) {
            throw new WinnowException("--epochs must be ≥ 1, got " + epochs);
        }
        if (batchSize < 1 || evalBatchSize < 1) {
            throw new WinnowException("--batch-size must be ≥ 1, got " + batchSize);
        }
        if (evalEvery < 0) {
            throw new WinnowException("--eval-every must be ≥ 0 (0 = only after the last epoch), got " + evalEvery);
        }
    }

    /** A configuration that evaluates after every epoch (the parameter list before {@code evalEvery}). */
    public TrainConfig(ModelSpec model, OptimizerKind optimizer, float learningRate, float momentum,
                       float weightDecay, Schedule schedule, int epochs, int batchSize, long seed, int evalBatchSize) {
        this(model, optimizer, learningRate, momentum, weightDecay, schedule, epochs, batchSize, seed, evalBatchSize,
                EVAL_EVERY_EPOCH);
    }

    /** Whether the loop evaluates on the test split after {@code epoch} (1-based): every k-th, and always the last. */
    public boolean evaluatesAfter(int epoch) {
        return epoch == epochs || (evalEvery > 0 && epoch % evalEvery == 0);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same configuration with another seed (for the runs of a multi-seed proxy). */
    public TrainConfig withSeed(long s) {
        return new TrainConfig(model, optimizer, learningRate, momentum, weightDecay, schedule, epochs, batchSize, s,
                evalBatchSize, evalEvery);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(model, optimizer, learningRate, momentum, weightDecay, schedule, e, batchSize, seed,
                evalBatchSize, evalEvery);
    }

    /** The same configuration evaluating after every {@code k}-th epoch (0 = after the last only). */
    public TrainConfig withEvalEvery(int k) {
        return new TrainConfig(model, optimizer, learningRate, momentum, weightDecay, schedule, epochs, batchSize, seed,
                evalBatchSize, k);
    }

    public static final class Builder {
        private ModelSpec model;
        private OptimizerKind optimizer = OptimizerKind.SGD;
        private Float lr;
        private float momentum = 0.9f;
        private float weightDecay;
        private Schedule schedule = Schedule.COSINE;
        private int epochs = 10;
        private int batchSize = 128;
        private long seed;
        private int evalBatchSize = 512;
        private int evalEvery = EVAL_EVERY_EPOCH;

        public Builder setModel(ModelSpec m) {
            this.model = m;
            return this;
        }

        public Builder optOptimizer(OptimizerKind o) {
            this.optimizer = o;
            return this;
        }

        /** Base learning rate; default depends on the optimizer. */
        public Builder optLearningRate(Float v) {
            this.lr = v;
            return this;
        }

        public Builder optMomentum(float v) {
            this.momentum = v;
            return this;
        }

        public Builder optWeightDecay(float v) {
            this.weightDecay = v;
            return this;
        }

        public Builder optSchedule(Schedule s) {
            this.schedule = s;
            return this;
        }

        public Builder optEpochs(int e) {
            this.epochs = e;
            return this;
        }

        public Builder optBatchSize(int b) {
            this.batchSize = b;
            return this;
        }

        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        public Builder optEvalBatchSize(int b) {
            this.evalBatchSize = b;
            return this;
        }

        /** Evaluate after every {@code k}-th epoch and the last; 0 = after the last only (default 1). */
        public Builder optEvalEvery(int k) {
            this.evalEvery = k;
            return this;
        }

        public TrainConfig build() {
            float rate = lr == null ? optimizer.defaultLearningRate() : lr;
            return new TrainConfig(model, optimizer, rate, momentum, weightDecay, schedule, epochs, batchSize, seed,
                    evalBatchSize, evalEvery);
        }
    }
}
