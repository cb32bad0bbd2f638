package dev.winnow.select;

import java.util.Arrays;

/**
 * A tournament tree over n slots: each inner node holds the better of its two children, so the root is the best
 * slot present, and changing one slot costs log n comparisons. {@link KCenterGreedy} keeps its clusters in one,
 * ordered by (radius descending, key, id) of their farthest members: the root's farthest member is the next centre.
 */
final class Tournament {
    /** Whether slot {@code b} goes before slot {@code a} (both present). */
    interface Order {
        boolean before(int b, int a);
    }

    private final int size;
    private final int[] node;
    private final Order order;

    Tournament(int slots, Order order) {
        int s = 1;
        while (s < slots) {
            s <<= 1;
        }
        this.size = s;
        this.node = new int[2 * s];
        this.order = order;
        Arrays.fill(node, -1);
    }

    /** Slot {@code a} changed; {@code present} false takes it out of the running. */
    void set(int a, boolean present) {
        int p = a + size;
        node[p] = present ? a : -1;
        for (p >>= 1; p >= 1; p >>= 1) {
            node[p] = pick(node[2 * p], node[2 * p + 1]);
        }
    }

    private int pick(int a, int b) {
        if (a < 0) {
            return b;
        }
        if (b < 0) {
            return a;
        }
        return order.before(b, a) ? b : a;
    }

    /** The best slot present, or −1 when none is. */
    int best() {
        return node[1];
    }
}
