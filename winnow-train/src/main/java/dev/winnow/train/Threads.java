package dev.winnow.train;

/**
 * CPU threads of the PyTorch engine. PyTorch's OpenMP pool spins while it waits; on a machine whose
 * cores are shared with other work, more threads than free cores slows training by large factors
 * (measured: a small CNN epoch on Fashion-MNIST took 217 s with 2 threads and 37 s with 1 on 2 busy
 * cores). The default is half the visible cores, at least 1. Must be set before the engine loads.
 */
public final class Threads {
    public static final String PROPERTY = "ai.djl.pytorch.num_threads";
    public static final String INTEROP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private Threads() {
    }

    /** Half the visible cores, at least 1. */
    public static int defaultCount() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Sets the engine's intra-op threads to {@code n} (or the default when {@code n} is null), unless
     * the JVM was started with {@code -Dai.djl.pytorch.num_threads}. Returns the count in effect.
     */
    public static int configure(Integer n) {
        String set = System.getProperty(PROPERTY);
        if (n == null && set != null) {
            return Integer.parseInt(set.trim());
        }
        int count = n == null ? defaultCount() : n;
        if (count < 1) {
            throw new dev.winnow.WinnowException("--threads must be ≥ 1, got " + count);
        }
        System.setProperty(PROPERTY, Integer.toString(count));
        if (System.getProperty(INTEROP_PROPERTY) == null) {
            System.setProperty(INTEROP_PROPERTY, "1");
        }
        return count;
    }
}
