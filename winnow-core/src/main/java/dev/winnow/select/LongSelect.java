package dev.winnow.select;

import java.util.Arrays;

/**
 * Selection of the element of a given rank in a {@code long[]} range without sorting it: introselect
 * (quickselect with Hoare partitioning around a median-of-three pivot, falling back to a sort of the
 * remaining range when the partitions stop shrinking). Expected O(n), worst case O(n log n).
 */
final class LongSelect {
    private static final int SMALL = 24;

    private LongSelect() {
    }

    /**
     * Rearranges {@code a[from, to)} and returns the value of 0-based {@code rank} in ascending (signed)
     * order, i.e. the value that {@code a[from + rank]} would hold if the range were sorted.
     */
    static long select(long[] a, int from, int to, int rank) {
        if (rank < 0 || rank >= to - from) {
            throw new IllegalArgumentException("rank " + rank + " outside [0, " + (to - from) + ")");
        }
        int lo = from;
        int hi = to;
        int target = from + rank;
        int budget = 4 * (64 - Long.numberOfLeadingZeros(to - from)) + 16;
        long rnd = 0x2545F4914F6CDD1DL ^ (to - from);
        while (hi - lo > SMALL) {
            if (--budget < 0) {
                Arrays.sort(a, lo, hi);
                return a[target];
            }
            int n = hi - lo;
            rnd ^= rnd << 13;
            rnd ^= rnd >>> 7;
            rnd ^= rnd << 17;
            int i1 = lo + (int) ((rnd >>> 1) % n);
            int i2 = lo + (int) ((rnd >>> 22) % n);
            int i3 = lo + (int) ((rnd >>> 43) % n);
            int m = median3(a, i1, i2, i3);
            long p = a[m];
            a[m] = a[lo];
            a[lo] = p;
            // Hoare partition with the pivot at a[lo]: afterwards a[lo..j] <= p <= a[j+1..hi), lo <= j < hi - 1.
            int i = lo - 1;
            int j = hi;
            while (true) {
                do {
                    i++;
                } while (a[i] < p);
                do {
                    j--;
                } while (a[j] > p);
                if (i >= j) {
                    break;
                }
                long t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
            if (target <= j) {
                hi = j + 1;
            } else {
                lo = j + 1;
            }
        }
        Arrays.sort(a, lo, hi);
        return a[target];
    }

    private static int median3(long[] a, int i, int j, int k) {
        long x = a[i];
        long y = a[j];
        long z = a[k];
        if (x < y) {
            return y < z ? j : (x < z ? k : i);
        }
        return x < z ? i : (y < z ? k : j);
    }
}
