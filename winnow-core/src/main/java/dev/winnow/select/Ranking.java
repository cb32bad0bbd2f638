package dev.winnow.select;

import dev.winnow.random.RandomKey;

/**
 * The three orders of DESIGN.md "Selection" over one table, and prefixes of them. "Hard order" is score
 * descending, then random key ascending (unsigned), then id ascending; "easy order" is score ascending, then
 * key, then id; "key order" is key ascending, then id. Scores compare numerically ({@code -0.0 == 0.0}).
 *
 * <p>Every strategy keeps a prefix of one of these orders, so none sorts the data: {@link #firstM} finds the
 * last member of the prefix by selecting the element of rank m (introselect on primitive {@code long}
 * arrays: the score and the high half of the key packed in one "primary" long, the full key as the
 * "secondary", the id last), and {@link #in} tells whether an example lies in that prefix.
 */
final class Ranking {
    enum Order {
        HARD, EASY, KEY
    }

    /** A prefix of an order: members up to and including (p, q, id), or none, or all. */
    record Cut(int kind, long p, long q, long id) {
        static final Cut NONE = new Cut(0, 0, 0, 0);
        static final Cut ALL = new Cut(1, 0, 0, 0);
    }

    private final long[] ids;
    private final float[] scores;
    private final long seed;

    Ranking(long[] ids, float[] scores, long seed) {
        this.ids = ids;
        this.scores = scores;
        this.seed = seed;
    }

    long id(int i) {
        return ids[i];
    }

    float score(int i) {
        return scores[i];
    }

    private long key(int i) {
        return RandomKey.key(seed, ids[i]);
    }

    /** Maps a float to an int with the same order ({@code -0.0} as {@code 0.0}); NaN excluded. */
    static int sortable(float s) {
        int b = Float.floatToRawIntBits(s + 0.0f);
        return b ^ ((b >> 31) & 0x7FFFFFFF);
    }

    /** The packed long that orders example {@code i} first in {@code order} (unsigned order as signed). */
    long primary(Order order, int i) {
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

    /** {@code pv[off + j] = primary(order, mem[off + j])} for the {@code len} members from {@code off}. */
    void fill(Order order, int[] mem, int off, int len, long[] pv) {
        for (int j = 0; j < len; j++) {
            pv[off + j] = primary(order, mem[off + j]);
        }
    }

    /** Whether example {@code i}, whose primary is {@code pi}, lies in the prefix {@code c} of {@code order}. */
    boolean in(Cut c, Order order, int i, long pi) {
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
    Cut firstM(Order order, int[] mem, long[] pv, int off, int len, int m, long[] scratch) {
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
}
