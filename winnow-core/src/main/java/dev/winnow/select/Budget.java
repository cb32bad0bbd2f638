package dev.winnow.select;

/**
 * How many examples to keep: a fraction of the data ({@code --keep F}) or a count ({@code --keep-count K}).
 */
public sealed interface Budget {
    /** The number of kept examples k out of {@code n}; fails when the budget cannot be met. */
    int resolve(int n);

    /** {@code k = max(1, floor(F * N))}, the product taken in IEEE double; 0 &lt; F &lt;= 1. */
    record Fraction(double fraction) implements Budget {
        public Fraction {
            if (!(fraction > 0.0 && fraction <= 1.0)) {
                throw new IllegalArgumentException("--keep must be in (0, 1], got " + fraction);
            }
        }

        @Override
        public int resolve(int n) {
            return (int) Math.max(1L, floorTimes(fraction, n));
        }

        @Override
        public String toString() {
            return "keep " + fraction;
        }
    }

    /** Exactly {@code count} examples; 1 &lt;= count &lt;= N. */
    record Count(long count) implements Budget {
        public Count {
            if (count < 1) {
                throw new IllegalArgumentException("--keep-count must be at least 1, got " + count);
            }
        }

        @Override
        public int resolve(int n) {
            if (count > n) {
                throw new IllegalArgumentException("--keep-count " + count + " exceeds the " + n + " examples");
            }
            return (int) count;
        }

        @Override
        public String toString() {
            return "keep-count " + count;
        }
    }

    /** {@code floor(x * n)} with the product in IEEE double, as every engine must compute it. */
    static long floorTimes(double x, long n) {
        return (long) Math.floor(x * (double) n);
    }
}
