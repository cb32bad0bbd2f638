package dev.winnow.train;

import java.util.Locale;

/** {@code sgd}: SGD with (heavy-ball) momentum; {@code adam}: Adam (Kingma &amp; Ba 2015). */
public enum OptimizerKind {
    SGD(0.05f), ADAM(0.001f);

    private final float defaultLearningRate;

    OptimizerKind(float lr) {
        this.defaultLearningRate = lr;
    }

    /** 0.05 for sgd, 0.001 for adam. */
    public float defaultLearningRate() {
        return defaultLearningRate;
    }

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
