package dev.winnow.select;

import dev.winnow.WinnowException;
import dev.winnow.io.ScoreTable;
import dev.winnow.random.RandomKey;

import java.util.Arrays;
import java.util.List;

/**
 * Selects a keep-list from scores (higher = harder), labels and a seed, following the exact rules of
 * DESIGN.md "Selection" so that every engine produces the same keep-list.
 *
 * <p>Orders. "Hard order" is score descending, then random key ascending (unsigned), then id ascending;
 * "easy order" is score ascending, then key, then id; "key order" is key ascending, then id. Scores
 * compare numerically ({@code -0.0 == 0.0}). Every strategy takes a prefix of one of these orders, so it
 * never sorts the data: it finds the cut by selecting the element of rank k (introselect on primitive
 * {@code long} arrays, score and the high half of the key packed in one long) and sorts only the k kept
 * ids at the end.
 */
public final class Selector {
    private Selector() {
    }

    /**
     * Runs the selection; the keep-list's provenance records the options and N (the caller adds its inputs
     * and tool version with {@link KeepList#withSources}). Fails with {@link IllegalArgumentException} when the budget does not fit the
     * data (a usage error) and with {@link WinnowException} when the scores cannot be used (NaN anywhere
     * but {@code random}; an infinite score with {@code stratified}).
     */
    public static KeepList select(ScoreTable table, SelectOptions options) {
        int n = table.size();
        if (n == 0) {
            throw new WinnowException("no examples to select from");
        }
        int k = options.resolve(n);
        checkScores(table.scores(), options.strategy());
        Engine e = new Engine(table, options);
        if (!options.classBalanced()) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            e.group(all, 0, n, k);
        } else {
            ClassPartition p = ClassPartition.of(table.labels());
            int[] quota = Quotas.largestRemainder(k, p.sizes);
            for (int c = 0; c < p.sizes.length; c++) {
                if (quota[c] > 0) {
                    e.group(p.members, p.start[c], p.sizes[c], quota[c]);
                }
            }
        }
        return e.collect();
    }

    private static void checkScores(float[] scores, Strategy s) {
        if (s == Strategy.RANDOM) {
            return;
        }
        for (int i = 0; i < scores.length; i++) {
            float v = scores[i];
            if (Float.isNaN(v)) {
                throw new WinnowException("score of example at row " + (i + 1) + " is NaN");
            }
            if (s == Strategy.STRATIFIED && Float.isInfinite(v)) {
                throw new WinnowException("stratified needs finite scores; example at row " + (i + 1)
                        + " has " + v);
            }
        }
    }

    /** Examples grouped by class, classes in ascending label order. */
    static final class ClassPartition {
        final int[] labels;
        final int[] sizes;
        final int[] start;
        final int[] members;

        private ClassPartition(int[] labels, int[] sizes, int[] start, int[] members) {
            this.labels = labels;
            this.sizes = sizes;
            this.start = start;
            this.members = members;
        }

        static ClassPartition of(int[] y) {
            int n = y.length;
            int max = 0;
            for (int v : y) {
                if (v < 0) {
                    throw new WinnowException("negative class label " + v);
                }
                max = Math.max(max, v);
            }
            int[] slot = new int[n];
            int[] distinct;
            if (max < (1 << 24)) {
                int[] count = new int[max + 1];
                for (int v : y) {
                    count[v]++;
                }
                int c = 0;
                for (int cnt : count) {
                    if (cnt > 0) {
                        c++;
                    }
                }
                distinct = new int[c];
                int[] slotOf = count; // reuse: label -> slot
                c = 0;
                for (int v = 0; v <= max; v++) {
                    if (count[v] > 0) {
                        distinct[c] = v;
                        slotOf[v] = c++;
                    } else {
                        slotOf[v] = -1;
                    }
                }
                for (int i = 0; i < n; i++) {
                    slot[i] = slotOf[y[i]];
                }
            } else {
                int[] sorted = y.clone();
                Arrays.sort(sorted);
                int c = 0;
                for (int i = 0; i < n; i++) {
                    if (i == 0 || sorted[i] != sorted[i - 1]) {
                        sorted[c++] = sorted[i];
                    }
                }
                distinct = Arrays.copyOf(sorted, c);
                for (int i = 0; i < n; i++) {
                    slot[i] = Arrays.binarySearch(distinct, y[i]);
                }
            }
            int c = distinct.length;
            int[] sizes = new int[c];
            for (int s : slot) {
                sizes[s]++;
            }
            int[] start = new int[c];
            for (int j = 1; j < c; j++) {
                start[j] = start[j - 1] + sizes[j - 1];
            }
            int[] fill = start.clone();
            int[] members = new int[n];
            for (int i = 0; i < n; i++) {
                members[fill[slot[i]]++] = i;
            }
            return new ClassPartition(distinct, sizes, start, members);
        }
    }

    private enum Order {
        HARD, EASY, KEY
    }

    /** A prefix of an order: members up to and including (p, q, id), or none, or all. */
    private record Cut(int kind, long p, long q, long id) {
        static final Cut NONE = new Cut(0, 0, 0, 0);
        static final Cut ALL = new Cut(1, 0, 0, 0);
    }

    private static final class Engine {
        private final long[] ids;
        private final float[] scores;
        private final long seed;
        private final SelectOptions o;
        private final boolean[] kept;
        private final double[] weight;

        Engine(ScoreTable t, SelectOptions o) {
            this.ids = t.ids();
            this.scores = t.scores();
            this.seed = o.seed();
            this.o = o;
            this.kept = new boolean[t.size()];
            this.weight = o.strategy().weighted() ? new double[t.size()] : null;
        }

        private long key(int i) {
            return RandomKey.key(seed, ids[i]);
        }

        /** Maps a float to an int with the same order ({@code -0.0} as {@code 0.0}); NaN excluded. */
        static int sortable(float s) {
            int b = Float.floatToRawIntBits(s + 0.0f);
            return b ^ ((b >> 31) & 0x7FFFFFFF);
        }

        private long primary(Order order, int i) {
            switch (order) {
                case HARD:
                    return ((long) ~sortable(scores[i]) << 32) | (key(i) >>> 32);
                case EASY:
                    return ((long) sortable(scores[i]) << 32) | (key(i) >>> 32);
                default:
                    return key(i) ^ Long.MIN_VALUE;
            }
        }

        private long secondary(Order order, int i) {
            return order == Order.KEY ? 0L : key(i) ^ Long.MIN_VALUE;
        }

        private void fill(Order order, int[] mem, int off, int len, long[] pv) {
            for (int j = 0; j < len; j++) {
                pv[off + j] = primary(order, mem[off + j]);
            }
        }

        private boolean in(Cut c, Order order, int i, long pi) {
            if (c.kind == 0) {
                return false;
            }
            if (c.kind == 1) {
                return true;
            }
            if (pi != c.p) {
                return pi < c.p;
            }
            long qi = secondary(order, i);
            if (qi != c.q) {
                return qi < c.q;
            }
            return ids[i] <= c.id;
        }

        /** The first {@code m} of {@code mem[off, off+len)} in {@code order}; {@code pv} holds their primaries. */
        private Cut firstM(Order order, int[] mem, long[] pv, int off, int len, int m, long[] scratch) {
            if (m <= 0) {
                return Cut.NONE;
            }
            if (m >= len) {
                return Cut.ALL;
            }
            System.arraycopy(pv, off, scratch, 0, len);
            long p = LongSelect.select(scratch, 0, len, m - 1);
            int below = 0;
            int ties = 0;
            for (int j = off; j < off + len; j++) {
                long v = pv[j];
                if (v < p) {
                    below++;
                } else if (v == p) {
                    ties++;
                }
            }
            int r = m - below;
            long[] tq = new long[ties];
            long[] tid = new long[ties];
            int t = 0;
            for (int j = off; j < off + len; j++) {
                if (pv[j] == p) {
                    tq[t] = secondary(order, mem[j]);
                    tid[t] = ids[mem[j]];
                    t++;
                }
            }
            long q = LongSelect.select(tq.clone(), 0, ties, r - 1);
            int below2 = 0;
            int ties2 = 0;
            for (int j = 0; j < ties; j++) {
                if (tq[j] < q) {
                    below2++;
                } else if (tq[j] == q) {
                    tid[ties2++] = tid[j];
                }
            }
            long id = LongSelect.select(tid, 0, ties2, r - below2 - 1);
            return new Cut(2, p, q, id);
        }

        private void keep(int i, double w) {
            kept[i] = true;
            if (weight != null) {
                weight[i] = w;
            }
        }

        /** Runs the strategy on the group {@code mem[off, off+len)} with quota {@code q} (1 &lt;= q &lt;= len). */
        void group(int[] mem, int off, int len, int q) {
            long[] pv = new long[len];
            long[] scratch = new long[len];
            // the whole array is this run's own (no class partition): work in it, no copy
            int[] local = off == 0 && len == mem.length ? mem : Arrays.copyOfRange(mem, off, off + len);
            switch (o.strategy()) {
                case HARD:
                case EASY: {
                    Order order = o.strategy() == Strategy.HARD ? Order.HARD : Order.EASY;
                    fill(order, local, 0, len, pv);
                    Cut c = firstM(order, local, pv, 0, len, q, scratch);
                    for (int j = 0; j < len; j++) {
                        if (in(c, order, local[j], pv[j])) {
                            keep(local[j], 1.0);
                        }
                    }
                    break;
                }
                case WINDOW: {
                    int skip = (int) Math.min(Budget.floorTimes(o.offset(), len), len - q);
                    fill(Order.HARD, local, 0, len, pv);
                    Cut upTo = firstM(Order.HARD, local, pv, 0, len, skip + q, scratch);
                    Cut skipped = firstM(Order.HARD, local, pv, 0, len, skip, scratch);
                    for (int j = 0; j < len; j++) {
                        int i = local[j];
                        if (in(upTo, Order.HARD, i, pv[j]) && !in(skipped, Order.HARD, i, pv[j])) {
                            keep(i, 1.0);
                        }
                    }
                    break;
                }
                case RANDOM: {
                    fill(Order.KEY, local, 0, len, pv);
                    Cut c = firstM(Order.KEY, local, pv, 0, len, q, scratch);
                    for (int j = 0; j < len; j++) {
                        if (in(c, Order.KEY, local[j], pv[j])) {
                            keep(local[j], 1.0);
                        }
                    }
                    break;
                }
                case CALIBRATED: {
                    int ks = (int) Budget.floorTimes(o.alpha(), q);
                    int kr = q - ks;
                    double w = (double) (len - ks) / (double) kr;
                    fill(Order.HARD, local, 0, len, pv);
                    Cut hard = firstM(Order.HARD, local, pv, 0, len, ks, scratch);
                    int rest = 0;
                    for (int j = 0; j < len; j++) {
                        int i = local[j];
                        if (in(hard, Order.HARD, i, pv[j])) {
                            keep(i, 1.0);
                        } else {
                            local[rest++] = i;
                        }
                    }
                    fill(Order.KEY, local, 0, rest, pv);
                    Cut random = firstM(Order.KEY, local, pv, 0, rest, kr, scratch);
                    for (int j = 0; j < rest; j++) {
                        if (in(random, Order.KEY, local[j], pv[j])) {
                            keep(local[j], w);
                        }
                    }
                    break;
                }
                case STRATIFIED:
                    stratified(local, len, q, pv, scratch);
                    break;
                default:
                    throw new IllegalStateException(o.strategy().toString());
            }
        }

        private void stratified(int[] local, int len, int q, long[] pv, long[] scratch) {
            int drop = (int) Math.min(Budget.floorTimes(o.dropHardest(), len), len - q);
            int rest = len;
            if (drop > 0) {
                fill(Order.HARD, local, 0, len, pv);
                Cut dropped = firstM(Order.HARD, local, pv, 0, len, drop, scratch);
                rest = 0;
                for (int j = 0; j < len; j++) {
                    if (!in(dropped, Order.HARD, local[j], pv[j])) {
                        local[rest++] = local[j];
                    }
                }
            }
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < rest; j++) {
                float s = scores[local[j]] + 0.0f;
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
            int bins = o.bins();
            int[] bin = new int[rest];
            int[] size = new int[bins];
            for (int j = 0; j < rest; j++) {
                int b = binOf(scores[local[j]], lo, hi, bins);
                bin[j] = b;
                size[b]++;
            }
            int[] take = allocate(size, q);
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
                pv[at] = primary(Order.KEY, i);
            }
            for (int b = 0; b < bins; b++) {
                if (take[b] == 0) {
                    continue;
                }
                Cut c = firstM(Order.KEY, byBin, pv, start[b], size[b], take[b], scratch);
                for (int j = start[b]; j < start[b + 1]; j++) {
                    if (in(c, Order.KEY, byBin[j], pv[j])) {
                        keep(byBin[j], 1.0);
                    }
                }
            }
        }

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
                    outIds[j] = ids[i];
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
            return KeepList.adopt(outIds, weight == null ? null : outW, new KeepListProvenance.Selected(o, n, List.of(), null));
        }
    }

    /**
     * The stratified bin of score {@code s}: {@code min(B - 1, floor((s - lo) / (hi - lo) * B))}, evaluated
     * left to right in double from the float32 values; 0 for all when {@code hi == lo}. Public so that
     * other engines (winnow-spark) bin with this very code.
     */
    public static int binOf(float s, float lo, float hi, int bins) {
        if (hi == lo) {
            return 0;
        }
        double x = ((double) s - (double) lo) / ((double) hi - (double) lo) * bins;
        return (int) Math.min(bins - 1, (long) Math.floor(x));
    }

    /**
     * How many each bin gives: bins visited by size ascending (ties by bin index), each taking
     * {@code min(size, remaining / bins left)} with integer division; empty bins count as bins left.
     * Public so that other engines (winnow-spark) allocate with this very code.
     */
    public static int[] allocate(int[] size, int budget) {
        int bins = size.length;
        long[] order = new long[bins];
        for (int b = 0; b < bins; b++) {
            order[b] = ((long) size[b] << 32) | b;
        }
        Arrays.sort(order);
        int[] take = new int[bins];
        long remaining = budget;
        for (int t = 0; t < bins; t++) {
            int b = (int) (order[t] & 0xFFFFFFFFL);
            long avg = remaining / (bins - t);
            take[b] = (int) Math.min(size[b], avg);
            remaining -= take[b];
        }
        return take;
    }
}
