package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.random.RandomKey;

/**
 * {@code random}: the seeded uniform baseline, {@link RandomKey#unit} of {@code RandomKey.key(seed, id)},
 * a float in [0, 1) that depends only on the seed and the example's id (not its position or the store).
 */
public final class RandomScore extends AbstractScore {
    private final long seed;

    public RandomScore(long seed) {
        super("random");
        this.seed = seed;
    }

    @Override
    float[] scores(DynamicsStore store) {
        long[] ids = store.ids();
        float[] out = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = RandomKey.unit(RandomKey.key(seed, ids[i]));
        }
        return out;
    }
}
