package dev.winnow.study;

import dev.winnow.random.RandomKey;

import java.util.Arrays;

/**
 * Seeded label noise: flips ⌊F·N⌋ training labels, each to a different class. Which examples flip and
 * their new class come from the same keyed randomness as selection ({@link RandomKey}, under a salted
 * seed), so a study's noise is reproducible from its seed alone and differs from its selection keys.
 */
public final class LabelNoise {
    private LabelNoise() {
    }

    /** Salt so the noise keys differ from the selection keys of the same seed. */
    private static final long SALT = 0x6E6F697365L; // "noise"

    /**
     * Returns noisy labels: the ⌊fraction·N⌋ examples with the smallest keys
     * {@code RandomKey.key(seed ^ SALT, id)} get a class drawn uniformly from the other C − 1 classes by
     * {@code splitmix64(key)}. {@code labels} is not changed.
     */
    public static int[] flip(int[] labels, long[] ids, int classes, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("label noise must be in [0, 1)");
        }
        int n = labels.length;
        int[] out = labels.clone();
        int flips = (int) Math.floor(fraction * n);
        if (flips == 0) {
            return out;
        }
        if (classes < 2) {
            throw new IllegalArgumentException("label noise needs at least two classes");
        }
        Integer[] order = new Integer[n];
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            keys[i] = RandomKey.key(seed ^ SALT, ids[i]);
        }
        Arrays.sort(order, (a, b) -> {
            int c = RandomKey.compare(keys[a], keys[b]);
            return c != 0 ? c : Long.compare(ids[a], ids[b]);
        });
        for (int j = 0; j < flips; j++) {
            int i = order[j];
            long k2 = RandomKey.splitmix64(keys[i]);
            int shift = 1 + (int) Long.remainderUnsigned(k2, classes - 1);
            out[i] = (labels[i] + shift) % classes;
        }
        return out;
    }
}
