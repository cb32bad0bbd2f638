package dev.winnow.spark;

import dev.winnow.quality.UnionFind;
import dev.winnow.quality.UnitFeatures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The exact search inside one k-means partition ({@link ClusterCover}): every pair of members, and every
 * member with every visitor, whose distances to the centre differ by at most the band (the triangle inequality
 * |‖x − c‖ − ‖y − c‖| ≤ ‖x − y‖ rules out the others), is linked when the float dot product of the unit rows is
 * at least 1 − ε, computed by the core's own kernel ({@link UnitFeatures#dot}) so the decision is the core's to
 * the bit. The links are returned as a spanning forest (each linked row with its component's root within the
 * partition): the same components as the links themselves, at most one pair per row, whatever the group sizes.
 */
final class ClusterLinks {
    private ClusterLinks() {
    }

    /**
     * The forest of one partition's links, as store indices {@code [row, root, row, root, …]}: {@code min} is
     * 1 − ε as a float, {@code band} the largest distance a linked pair can have (plus slack).
     */
    static int[] forest(Iterable<ClusterCover.Entry> entries, int d, float min, double band) {
        List<ClusterCover.Entry> members = new ArrayList<>();
        List<ClusterCover.Entry> visitors = new ArrayList<>();
        for (ClusterCover.Entry e : entries) {
            (e.member() ? members : visitors).add(e);
        }
        members.sort(Comparator.comparingDouble(ClusterCover.Entry::distance).thenComparingInt(ClusterCover.Entry::index));
        int m = members.size();
        int all = m + visitors.size();
        float[] rows = new float[all * d];
        int[] index = new int[all];
        double[] dc = new double[m];
        for (int a = 0; a < all; a++) {
            ClusterCover.Entry e = a < m ? members.get(a) : visitors.get(a - m);
            System.arraycopy(e.values(), 0, rows, a * d, d);
            index[a] = e.index();
            if (a < m) {
                dc[a] = e.distance();
            }
        }
        if (m == 0) {
            return new int[0];
        }
        UnitFeatures block = new UnitFeatures(all, d, rows);
        UnionFind links = new UnionFind(all);
        for (int a = 0; a < m; a++) {
            double limit = dc[a] + band;
            for (int b = a + 1; b < m && dc[b] <= limit; b++) {
                if (block.dot(a, b) >= min) {
                    links.union(a, b);
                }
            }
        }
        for (int v = m; v < all; v++) {
            double dv = visitors.get(v - m).distance();
            for (int b = firstAtLeast(dc, dv - band); b < m && dc[b] <= dv + band; b++) {
                if (block.dot(b, v) >= min) {
                    links.union(b, v);
                }
            }
        }
        int[] out = new int[2 * all];
        int size = 0;
        for (int a = 0; a < all; a++) {
            int r = links.find(a);
            if (r != a) {
                out[size++] = index[a];
                out[size++] = index[r];
            }
        }
        return Arrays.copyOf(out, size);
    }

    /** The first index of ascending {@code a} whose value is at least {@code x} ({@code a.length} if none). */
    private static int firstAtLeast(double[] a, double x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
