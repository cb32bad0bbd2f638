package dev.winnow.spark;

/**
 * The seeded random key of DESIGN.md, {@code splitmix64(seed * 0x9E3779B97F4A7C15L + id)}, compared
 * unsigned. Spark sorts signed longs, so {@link #sortable} flips the sign bit: signed order of the
 * result = unsigned order of the key.
 */
final class Keys {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Keys() {
    }

    static long key(long seed, long id) {
        long z = seed * GOLDEN_GAMMA + id + GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The key of {@code id} as a signed long whose signed order is the key's unsigned order. */
    static long sortable(long seed, long id) {
        return key(seed, id) ^ Long.MIN_VALUE;
    }

    /** A float as an int whose signed order is the numeric order (−0.0 as 0.0, as the core compares scores). */
    static int sortable(float score) {
        int bits = Float.floatToRawIntBits(score + 0.0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
