package dev.winnow.quality;

import dev.winnow.random.RandomKey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Near-duplicates by the cosine similarity of L2-normalised features (SemDeDup, Abbas et al. 2023): two
 * examples are linked when cos ≥ 1 − ε, and a group is a connected component of links with two or more
 * members (DESIGN.md "Data quality beyond difficulty"). ε lies in (0, 2).
 *
 * <p>The search is exact: rows are split by a seeded k-means partition ({@link KMeansPartition}) and each row
 * is compared with the rows of its own partition and of every partition it could have a link into (the
 * hyperplane bound with radius √(2ε), since ‖x − y‖² = 2 − 2·cos for unit rows), and within a partition only
 * with rows whose distance to its centre differs by at most that radius (the triangle inequality). The same
 * links as comparing all pairs, in about N·(√N + N/√N)·D multiply-adds at most instead of N²·D/2.
 */
public final class NearDuplicates {
    /** Slack on the distance bands for the rounding of float distances (far above it, far below any radius used). */
    private static final double BAND_SLACK = 1e-3;
    private NearDuplicates() {
    }

    /** Checks that ε is in (0, 2); an {@link IllegalArgumentException} (a usage error) otherwise. */
    public static double checkEpsilon(double epsilon) {
        if (!(epsilon > 0 && epsilon < 2)) {
            throw new IllegalArgumentException("--threshold must be in (0, 2) (pairs with cosine ≥ 1 − threshold "
                    + "are near-duplicates), got " + epsilon);
        }
        return epsilon;
    }

    /**
     * The groups among rows {@code f} with ids {@code ids}: links at cos ≥ 1 − {@code epsilon}, partition and
     * kept members by the random keys under {@code seed}.
     */
    public static DuplicateGroups find(UnitFeatures f, long[] ids, double epsilon, long seed) {
        checkEpsilon(epsilon);
        if (ids.length != f.n()) {
            throw new IllegalArgumentException(ids.length + " ids for " + f.n() + " feature rows");
        }
        float min = (float) (1 - epsilon);
        double radius = Math.sqrt(2 * epsilon);
        KMeansPartition p = KMeansPartition.build(f, ids, seed, radius);
        List<int[]> links = IntStream.range(0, p.k).parallel().mapToObj(c -> links(f, p, c, min, radius))
                .toList();
        UnionFind uf = new UnionFind(f.n());
        for (int[] l : links) {
            for (int i = 0; i < l.length; i += 2) {
                uf.union(l[i], l[i + 1]);
            }
        }
        return groups(f, ids, uf, seed);
    }

    /**
     * Every link of partition c: pairs within it (each once) and pairs of its members with its visitors. Members
     * are sorted by their distance to the centre, so by the triangle inequality (|‖x − c‖ − ‖y − c‖| ≤ ‖x − y‖)
     * only those within r of a row's own distance to the centre can link with it: a band, scanned in order.
     * The members' rows are first copied into one block, so the scans read memory in order.
     */
    private static int[] links(UnitFeatures f, KMeansPartition p, int c, float min, double radius) {
        int d = f.d();
        float[] rows = f.rows();
        int from = p.start[c];
        int m = p.start[c + 1] - from;
        float[] block = new float[m * d];
        for (int a = 0; a < m; a++) {
            System.arraycopy(rows, p.members[from + a] * d, block, a * d, d);
        }
        float[] dc = Arrays.copyOfRange(p.memberDistance, from, from + m);
        float band = (float) (radius + BAND_SLACK);
        IntList out = new IntList();
        for (int a = 0; a < m; a++) {
            float limit = dc[a] + band;
            for (int b = a + 1; b < m && dc[b] <= limit; b++) {
                if (Vectors.dot(block, a * d, block, b * d, d) >= min) {
                    out.add(p.members[from + a], p.members[from + b]);
                }
            }
        }
        for (int v = p.vstart[c]; v < p.vstart[c + 1]; v++) {
            int y = p.visitors[v];
            float dv = p.visitorDistance[v];
            int b = firstAtLeast(dc, dv - band);
            for (; b < m && dc[b] <= dv + band; b++) {
                if (Vectors.dot(rows, y * d, block, b * d, d) >= min) {
                    out.add(p.members[from + b], y);
                }
            }
        }
        return out.toArray();
    }

    /** The first index of ascending {@code a} whose value is at least {@code x} ({@code a.length} if none). */
    private static int firstAtLeast(float[] a, float x) {
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

    /** Components of two or more rows; kept = the smallest key; groups numbered by their kept member's id. */
    private static DuplicateGroups groups(UnitFeatures f, long[] ids, UnionFind uf, long seed) {
        int n = f.n();
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            size[uf.find(i)]++;
        }
        int[] kept = new int[n];
        Arrays.fill(kept, -1);
        for (int i = 0; i < n; i++) {
            int r = uf.find(i);
            if (size[r] < 2) {
                continue;
            }
            int k = kept[r];
            if (k < 0 || RandomKey.compare(RandomKey.key(seed, ids[i]), RandomKey.key(seed, ids[k])) < 0) {
                kept[r] = i;
            }
        }
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (uf.find(i) == i && size[i] >= 2) {
                roots.add(i);
            }
        }
        roots.sort((a, b) -> Long.compare(ids[kept[a]], ids[kept[b]]));
        int[] groupOfRoot = new int[n];
        for (int g = 0; g < roots.size(); g++) {
            groupOfRoot[roots.get(g)] = g;
        }
        int[] group = new int[n];
        float[] similarity = new float[n];
        for (int i = 0; i < n; i++) {
            int r = uf.find(i);
            if (size[r] < 2) {
                group[i] = -1;
                similarity[i] = Float.NaN;
            } else {
                group[i] = groupOfRoot[r];
                similarity[i] = i == kept[r] ? 1f : f.dot(i, kept[r]);
            }
        }
        int[] keptIndex = new int[roots.size()];
        for (int g = 0; g < roots.size(); g++) {
            keptIndex[g] = kept[roots.get(g)];
        }
        return new DuplicateGroups(ids, group, keptIndex, similarity);
    }

    /** A growable list of ints, pairs appended two at a time. */
    private static final class IntList {
        private int[] a = new int[16];
        private int size;

        void add(int x, int y) {
            if (size + 2 > a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[size++] = x;
            a[size++] = y;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
