package dev.winnow.select;

import dev.winnow.io.ScoreTable;
import dev.winnow.select.Ranking.Cut;
import dev.winnow.select.Ranking.Order;

import java.util.Arrays;
import java.util.List;

/**
 * One selection in progress: each strategy's rule of DESIGN.md "Selection" applied to a group of examples
 * (the whole table, or one class when class-balanced) with its quota, marking the kept examples and their
 * weights; {@link #collect} turns the marks into the keep-list, ids ascending.
 */
final class StrategyRun {
    private final Ranking rank;
    private final SelectOptions o;
    private final boolean[] kept;
    private final double[] weight;

    StrategyRun(ScoreTable t, SelectOptions o) {
        this.rank = new Ranking(t.ids(), t.scores(), o.seed());
        this.o = o;
        this.kept = new boolean[t.size()];
        this.weight = o.strategy().weighted() ? new double[t.size()] : null;
    }

    private void keep(int i, double w) {
        kept[i] = true;
        if (weight != null) {
            weight[i] = w;
        }
    }

    /** Keeps the first {@code m} of {@code local[0, len)} in {@code order}, each with weight {@code w}. */
    private void keepFirst(Order order, int[] local, int len, int m, double w, long[] pv, long[] scratch) {
        rank.fill(order, local, 0, len, pv);
        Cut c = rank.firstM(order, local, pv, 0, len, m, scratch);
        for (int j = 0; j < len; j++) {
            if (rank.in(c, order, local[j], pv[j])) {
                keep(local[j], w);
            }
        }
    }

    /** Runs the strategy on the group {@code mem[off, off+len)} with quota {@code q} (1 &lt;= q &lt;= len). */
    void group(int[] mem, int off, int len, int q) {
        long[] pv = new long[len];
        long[] scratch = new long[len];
        // the whole array is this run's own (no class partition): work in it, no copy
        int[] local = off == 0 && len == mem.length ? mem : Arrays.copyOfRange(mem, off, off + len);
        switch (o.strategy()) {
            case HARD -> keepFirst(Order.HARD, local, len, q, 1.0, pv, scratch);
            case EASY -> keepFirst(Order.EASY, local, len, q, 1.0, pv, scratch);
            case RANDOM -> keepFirst(Order.KEY, local, len, q, 1.0, pv, scratch);
            case WINDOW -> window(local, len, q, pv, scratch);
            case CALIBRATED -> calibrated(local, len, q, pv, scratch);
            case STRATIFIED -> stratified(local, len, q, pv, scratch);
            default -> throw new IllegalStateException(o.strategy().toString());
        }
    }

    /** The hard order past its first {@code floor(offset · len)} (fewer when fewer than q would remain). */
    private void window(int[] local, int len, int q, long[] pv, long[] scratch) {
        int skip = (int) Math.min(Budget.floorTimes(o.offset(), len), len - q);
        rank.fill(Order.HARD, local, 0, len, pv);
        Cut upTo = rank.firstM(Order.HARD, local, pv, 0, len, skip + q, scratch);
        Cut skipped = rank.firstM(Order.HARD, local, pv, 0, len, skip, scratch);
        for (int j = 0; j < len; j++) {
            int i = local[j];
            if (rank.in(upTo, Order.HARD, i, pv[j]) && !rank.in(skipped, Order.HARD, i, pv[j])) {
                keep(i, 1.0);
            }
        }
    }

    /** The hardest {@code floor(alpha · q)} at weight 1, the rest by key order at weight (len − ks) / kr. */
    private void calibrated(int[] local, int len, int q, long[] pv, long[] scratch) {
        int ks = (int) Budget.floorTimes(o.alpha(), q);
        int kr = q - ks;
        double w = (double) (len - ks) / (double) kr;
        rank.fill(Order.HARD, local, 0, len, pv);
        Cut hard = rank.firstM(Order.HARD, local, pv, 0, len, ks, scratch);
        int rest = 0;
        for (int j = 0; j < len; j++) {
            int i = local[j];
            if (rank.in(hard, Order.HARD, i, pv[j])) {
                keep(i, 1.0);
            } else {
                local[rest++] = i;
            }
        }
        keepFirst(Order.KEY, local, rest, kr, w, pv, scratch);
    }

    /** Drops the hardest, bins the rest by score and takes each bin's share in key order. */
    private void stratified(int[] local, int len, int q, long[] pv, long[] scratch) {
        int drop = (int) Math.min(Budget.floorTimes(o.dropHardest(), len), len - q);
        int rest = len;
        if (drop > 0) {
            rank.fill(Order.HARD, local, 0, len, pv);
            Cut dropped = rank.firstM(Order.HARD, local, pv, 0, len, drop, scratch);
            rest = 0;
            for (int j = 0; j < len; j++) {
                if (!rank.in(dropped, Order.HARD, local[j], pv[j])) {
                    local[rest++] = local[j];
                }
            }
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < rest; j++) {
            float s = rank.score(local[j]) + 0.0f;
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        int bins = o.bins();
        int[] bin = new int[rest];
        int[] size = new int[bins];
        for (int j = 0; j < rest; j++) {
            int b = Selector.binOf(rank.score(local[j]), lo, hi, bins);
            bin[j] = b;
            size[b]++;
        }
        int[] take = Selector.allocate(size, q);
        // counting sort of the remaining members by bin, then the smallest keys inside each bin
        int[] start = new int[bins + 1];
        for (int b = 0; b < bins; b++) {
            start[b + 1] = start[b] + size[b];
        }
        // scatter members and their keys into bin order in one pass over the members in their own order
        int[] fillAt = Arrays.copyOf(start, bins);
        int[] byBin = new int[rest];
        for (int j = 0; j < rest; j++) {
            int i = local[j];
            int at = fillAt[bin[j]]++;
            byBin[at] = i;
            pv[at] = rank.primary(Order.KEY, i);
        }
        for (int b = 0; b < bins; b++) {
            if (take[b] == 0) {
                continue;
            }
            Cut c = rank.firstM(Order.KEY, byBin, pv, start[b], size[b], take[b], scratch);
            for (int j = start[b]; j < start[b + 1]; j++) {
                if (rank.in(c, Order.KEY, byBin[j], pv[j])) {
                    keep(byBin[j], 1.0);
                }
            }
        }
    }

    /** The kept examples as a keep-list, ids ascending, with the options and N as provenance. */
    KeepList collect() {
        int n = kept.length;
        int k = 0;
        for (boolean b : kept) {
            if (b) {
                k++;
            }
        }
        long[] outIds = new long[k];
        double[] outW = new double[k];
        boolean ascending = true;
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                outIds[j] = rank.id(i);
                outW[j] = weight == null ? 1.0 : weight[i];
                if (j > 0 && outIds[j] <= outIds[j - 1]) {
                    ascending = false;
                }
                j++;
            }
        }
        if (!ascending) {
            long[] sorted = outIds.clone();
            Arrays.sort(sorted);
            if (weight == null) {
                outIds = sorted;
            } else {
                double[] w = new double[k];
                for (int t = 0; t < k; t++) {
                    w[Arrays.binarySearch(sorted, outIds[t])] = outW[t];
                }
                outIds = sorted;
                outW = w;
            }
        }
        return KeepList.adopt(outIds, weight == null ? null : outW,
                new KeepListProvenance.Selected(o, n, List.of(), null));
    }
}
