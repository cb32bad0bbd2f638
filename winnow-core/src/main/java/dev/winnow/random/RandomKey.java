package dev.winnow.random;

/**
 * The random key of an example: randomness as a pure function of (seed, id), not a stream, so that any
 * engine (the core, Spark, a NumPy script) draws the same "random" keep-list in any order and on any
 * partitioning.
 *
 * <p>{@code key(seed, id) = splitmix64(seed * 0x9E3779B97F4A7C15L + id)} with 64-bit wrap-around
 * arithmetic, where {@code splitmix64(x)} is the <em>first output of a SplitMix64 generator whose state
 * is {@code x}</em> (Steele, Lea &amp; Flood 2014; Vigna's {@code splitmix64.c}): the state is advanced
 * by the golden gamma <em>before</em> mixing:
 *
 * <pre>
 *   z = x + 0x9E3779B97F4A7C15L;
 *   z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
 *   z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
 *   return z ^ (z >>> 31);
 * </pre>
 *
 * Keys are compared as <strong>unsigned</strong> 64-bit integers ({@link Long#compareUnsigned}); "the
 * smallest keys" means smallest in that order. For a fixed seed the key is a bijection of the id, so two
 * different ids never share a key.
 */
public final class RandomKey {
    /** The golden gamma of SplitMix64, 2^64 / phi. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private RandomKey() {
    }

    /** The random key of example {@code id} under {@code seed}; compare keys with {@link #compare}. */
    public static long key(long seed, long id) {
        return splitmix64(seed * GOLDEN_GAMMA + id);
    }

    /** The first output of a SplitMix64 generator in state {@code x} (the increment comes first). */
    public static long splitmix64(long x) {
        long z = x + GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The order of keys: unsigned. */
    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    /** The key as a float in [0, 1): its top 24 bits over 2^24 (exact in float32, order-preserving). */
    public static float unit(long key) {
        return (key >>> 40) * 0x1.0p-24f;
    }
}
