package dev.winnow.select;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A keep-list: the kept ids in ascending order and the weight of each (1 unless the strategy weights).
 *
 * @param ids     kept ids, strictly ascending
 * @param weights weight of {@code ids[i]}, same length
 * @param n       number of examples selected from
 */
public record Selection(long[] ids, double[] weights, int n) {
    private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

    public Selection {
        if (ids.length != weights.length) {
            throw new IllegalArgumentException("ids and weights differ in length");
        }
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException("ids must be strictly ascending");
            }
        }
    }

    /** The number of kept examples, k. */
    public int size() {
        return ids.length;
    }

    /** The sum of the weights (N for {@code calibrated}). */
    public double weightSum() {
        double s = 0;
        for (double w : weights) {
            s += w;
        }
        return s;
    }

    /** Whether {@code id} is kept. */
    public boolean contains(long id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    /**
     * The text of a weight in the CSV: the exact binary value of the double rounded half-even to 17
     * significant digits, trailing zeros stripped, never in exponent form ({@code 1}, {@code 2.5},
     * {@code 7.333333333333333}). Seventeen digits identify any double, so the text parses back to the
     * same value, and being exact decimal arithmetic it is the same on every JVM.
     */
    public static String formatWeight(double w) {
        if (w == 1.0) {
            return "1";
        }
        if (!Double.isFinite(w)) {
            throw new IllegalArgumentException("weight " + w + " is not finite");
        }
        return new BigDecimal(w).round(SEVENTEEN).stripTrailingZeros().toPlainString();
    }
}
