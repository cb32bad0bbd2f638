package dev.winnow.random;

/**
 * The seeded random key of DESIGN.md: randomness is a key per example, not a stream, so the core and
 * Spark (and any order of visiting the examples) agree byte for byte. The key of example {@code id}
 * under seed {@code s} is {@code splitmix64(s * 0x9E3779B97F4A7C15L + id)}, compared as unsigned.
 *
 * <p>{@code splitmix64(x)} is one step of Vigna's SplitMix64 generator with state {@code x}: add the
 * golden gamma {@code 0x9E3779B97F4A7C15}, then the variant-13 finaliser (shifts 30, 27, 31). So
 * {@code splitmix64(0) = 0xE220A8397B1DCDAF}, the generator's first output from seed 0.
 */
public final class RandomKey {
    /** The golden-ratio gamma of SplitMix64. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private RandomKey() {
    }

    /** One SplitMix64 step from state {@code x}: mix(x + gamma). */
    public static long splitmix64(long x) {
        long z = x + GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The key of example {@code id} under {@code seed}; compare keys with {@link Long#compareUnsigned}. */
    public static long key(long seed, long id) {
        return splitmix64(seed * GOLDEN_GAMMA + id);
    }

    /** The key as a float in [0, 1): its top 24 bits over 2^24 (exact in float32, order-preserving). */
    public static float unit(long key) {
        return (key >>> 40) * 0x1.0p-24f;
    }
}
