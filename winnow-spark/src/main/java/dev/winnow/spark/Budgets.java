package dev.winnow.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The budget arithmetic of DESIGN.md's exact rules, on the small aggregates the driver holds. */
final class Budgets {
    private Budgets() {
    }

    /**
     * Class quotas: q_c = ⌊k·N_c/N⌋, the leftover going one each to the classes with the largest
     * remainders (k·N_c mod N), ties to the smaller class label.
     */
    static Map<Long, Long> classQuotas(long k, TreeMap<Long, Long> sizes) {
        long n = sizes.values().stream().mapToLong(Long::longValue).sum();
        TreeMap<Long, Long> q = new TreeMap<>();
        List<long[]> remainders = new ArrayList<>();
        long given = 0;
        for (Map.Entry<Long, Long> e : sizes.entrySet()) {
            long prod = Math.multiplyExact(k, e.getValue());
            q.put(e.getKey(), prod / n);
            given += prod / n;
            remainders.add(new long[] {prod % n, e.getKey()});
        }
        remainders.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        for (int i = 0; i < k - given; i++) {
            q.merge(remainders.get(i)[1], 1L, Long::sum);
        }
        return q;
    }

    /** The bin of score s: min(B − 1, ⌊(s − lo) / (hi − lo) · B⌋) in double, left to right; 0 when hi = lo. */
    static int bin(float s, float lo, float hi, int bins) {
        if (hi == lo) {
            return 0;
        }
        double x = ((double) s - (double) lo) / ((double) hi - (double) lo) * bins;
        return (int) Math.min(bins - 1, Math.floor(x));
    }

    /**
     * Per-bin quotas: bins are visited from the fewest members up (ties by bin index), each taking
     * min(size, remaining / bins left) with integer division.
     */
    static long[] binQuotas(long[] sizes, long budget) {
        int b = sizes.length;
        Integer[] order = new Integer[b];
        for (int i = 0; i < b; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> sizes[x] != sizes[y] ? Long.compare(sizes[x], sizes[y])
                : Integer.compare(x, y));
        long[] q = new long[b];
        long remaining = budget;
        for (int i = 0; i < b; i++) {
            int bin = order[i];
            long take = Math.min(sizes[bin], remaining / (b - i));
            q[bin] = take;
            remaining -= take;
        }
        return q;
    }
}
