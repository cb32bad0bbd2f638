package dev.winnow.study;

/**
 * Seeded label noise: flips ⌊F·N⌋ training labels, each to a different class. Which examples flip and
 * their new class come from the same keyed randomness as selection (splitmix64 of seed and id), so a
 * study's noise is reproducible from its seed alone.
 */
public final class LabelNoise {
    private LabelNoise() {
    }

    /** Salt so the noise keys differ from the selection keys of the same seed. */
    private static final long SALT = 0x6E6F697365L; // "noise"

    /** splitmix64 (DESIGN.md's keyed randomness). */
    public static long splitmix64(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Returns noisy labels: the ⌊fraction·N⌋ examples with the smallest keys get a class drawn uniformly
     * from the other C − 1 classes. {@code labels} is not changed.
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
        long base = (seed ^ SALT) * 0x9E3779B97F4A7C15L;
        Integer[] order = new Integer[n];
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            keys[i] = splitmix64(base + ids[i]);
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Long.compareUnsigned(keys[a], keys[b]);
            return c != 0 ? c : Long.compare(ids[a], ids[b]);
        });
        for (int j = 0; j < flips; j++) {
            int i = order[j];
            long k2 = splitmix64(keys[i]);
            int shift = 1 + (int) Long.remainderUnsigned(k2, classes - 1);
            out[i] = (labels[i] + shift) % classes;
        }
        return out;
    }
}
