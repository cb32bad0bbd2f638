package dev.winnow.spark;

import dev.winnow.random.RandomKey;

/**
 * Sort keys for Spark, which compares signed numbers: the random key of DESIGN.md
 * ({@link RandomKey#key}, compared unsigned) with its sign bit flipped, and a float score as an int, so
 * that Spark's signed order is the order the core uses.
 */
final class Keys {
    private Keys() {
    }

    /** The key of {@code id} under {@code seed} as a signed long whose signed order is the key's unsigned order. */
    static long sortable(long seed, long id) {
        return RandomKey.key(seed, id) ^ Long.MIN_VALUE;
    }

    /**
     * A score as an int whose signed order is the numeric order, −0.0 equal to 0.0, as the core's
     * selector compares scores (NaN never reaches a ranking by score).
     */
    static int sortable(float score) {
        int bits = Float.floatToRawIntBits(score + 0.0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }
}
