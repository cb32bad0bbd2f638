package dev.winnow.select;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/**
 * Greedy k-center (Sener &amp; Savarese 2018, "Active Learning for Convolutional Neural Networks: A Core-Set
 * Approach"; Gonzalez 1985): the first centre is the example with the smallest random key; then, q − 1 times, the
 * example farthest from its nearest chosen centre becomes a centre (squared distance {@link SquaredDistance},
 * ties by the smaller key, then id). The result is exactly that of the plain algorithm, which computes every
 * example's distance to every new centre (N · k distances); this one skips most of them.
 *
 * <p>How it avoids the N · k distances: every example belongs to the cluster of its nearest centre, and each
 * cluster knows its radius r (the largest distance of a member to it). A new centre c can only come nearer to a
 * member i of cluster a if d(c, a) &lt; 2 r_a (triangle inequality: d(i, c) ≥ d(c, a) − d(i, a) ≥ r_a ≥ d(i, a)
 * otherwise), so a cluster is scanned only when that bound fails; since no radius exceeds c's own distance, only
 * centres within a window along the first principal axis are tested at all. The tests use lower bounds of the
 * distance: the length of its projection on the data's first {@value #AXES} principal axes ({@link Axes}), then a
 * float sum of squares that stops once it passes the bound. Inside a scanned cluster a member is skipped when
 * 2 d(i, a) &lt; d(c, a) or when its projection is already too far; the exact double distance of the others stops
 * once it reaches the member's current distance (rounded addition is monotone). Every bound carries a relative
 * margin of {@value #MARGIN}, so rounding can only make it compute more, never skip a member the exact distance
 * would have moved (the tests: {@link KCenterBounds}). Members of a cluster are stored contiguously; a large window is
 * scanned in two halves at once. Clusters sit in a {@link Tournament} ordered by (radius descending, key, id), whose
 * root gives the next centre.
 */
final class KCenterGreedy {
    /** Relative margin on the squared bound 4 r²: far above float32 rounding of a sum of D ≤ 10^4 squares. */
    static final double MARGIN = 1e-2;
    /** How many principal axes every example's coordinates are kept along (fewer when D is smaller). */
    static final int AXES = 8;
    /** Windows of at least this many centres are scanned in two halves at once, when there are two cores. */
    static final int PARALLEL_WINDOW = 256;
    private static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() > 1
            && ForkJoinPool.getCommonPoolParallelism() > 0;

    private final int len;
    private final int dim;
    private final float[] x;
    private final int[] rows;
    private final FeatureSelector.Order order;
    /**
     * Each cluster's members, contiguous (a scan reads them in order): local indices, distances² to the cluster's
     * centre, and their coordinates along the axes ({@value #AXES} each); {@code size} of each in use.
     */
    private final int[][] members;
    private final double[][] memberD;
    private final double[][] memberP;
    private final int[] size;
    private final double[] radius;
    private final int[] far;
    private final float[] centres;
    private final Tournament tree;
    private final Movers[] movers = {new Movers(), new Movers()};
    /** Two unit directions (the data's first principal axes) and each centre's coordinates along them. */
    private final double[][] axes;
    /** Centre t's coordinates along the axes, from t · AXES; proj0[t] along the first (the window's axis). */
    private final double[] proj;
    private final double[] proj0;
    /** The centres so far, in ascending order of proj0 (where a window of it starts: binary search). */
    private final int[] byProj;

    private KCenterGreedy(Features f, int[] rows, int q, FeatureSelector.Order order) {
        this.len = rows.length;
        this.dim = f.dim();
        this.rows = rows;
        this.order = order;
        // the group's features, contiguous (a class's rows are scattered over the whole table)
        this.x = new float[len * dim];
        float[] all = f.values();
        for (int j = 0; j < len; j++) {
            System.arraycopy(all, rows[j] * dim, x, j * dim, dim);
        }
        this.members = new int[q][];
        this.memberD = new double[q][];
        this.memberP = new double[q][];
        this.size = new int[q];
        this.radius = new double[q];
        this.far = new int[q];
        this.centres = new float[q * dim];
        this.tree = new Tournament(q, (b, a) -> better(far[b], radius[b], far[a], radius[a]));
        this.axes = Axes.principal(x, len, dim, Math.min(AXES, dim));
        this.proj = new double[q * AXES];
        this.proj0 = new double[q];
        this.byProj = new int[q];
    }

    /** Marks the {@code q} centres of the group {@code rows} (1 ≤ q ≤ rows.length) in {@code kept}. */
    static void select(Features f, int[] rows, int q, FeatureSelector.Order order, boolean[] kept) {
        KCenterGreedy g = new KCenterGreedy(f, rows, q, order);
        for (int c : g.run(q)) {
            kept[rows[c]] = true;
        }
    }

    /** The local indices of the q centres, in the order they were chosen. */
    private int[] run(int q) {
        int[] chosen = new int[q];
        int first = 0;
        for (int j = 1; j < len; j++) {
            if (order.compare(rows[j], rows[first]) < 0) {
                first = j;
            }
        }
        chosen[0] = first;
        addCentre(0, first);
        open(0, len - 1);
        for (int j = 0; j < len; j++) {
            if (j != first) {
                double[] pj = new double[AXES];
                for (int k = 0; k < axes.length; k++) {
                    pj[k] = Axes.dot(axes[k], x, j * dim);
                }
                append(0, j, SquaredDistance.of(x, j * dim, centres, 0, dim), pj, 0);
            }
        }
        tree.set(0, far[0] >= 0);
        insertByProj(0);
        for (int t = 1; t < q; t++) {
            int a0 = tree.best();
            int m = far[a0];
            chosen[t] = m;
            addCentre(t, m);
            open(t, 4);
            // every cluster's radius is at most the chosen one's distance, so only centres within twice that
            // along axis 0 can be near enough: a window of byProj
            double w = 2.0 * Math.sqrt(radius[a0]) * (1.0 + MARGIN);
            int from = lowerBound(t, proj0[t] - w);
            int to = lowerBound(t, Math.nextUp(proj0[t] + w));
            if (to - from >= PARALLEL_WINDOW && PARALLEL) {
                // two halves of the window at once: each scanned cluster is one half's alone, and the movers
                // join the new cluster afterwards (every rule here is independent of the order they join in)
                int mid = (from + to) >>> 1;
                int centre = t;
                CompletableFuture<Void> other = CompletableFuture.runAsync(
                        () -> scanWindow(mid, to, a0, centre, m, movers[1]), ForkJoinPool.commonPool());
                scanWindow(from, mid, a0, t, m, movers[0]);
                other.join();
                movers[0].drainInto(t);
                movers[1].drainInto(t);
            } else {
                scanWindow(from, to, a0, t, m, movers[0]);
                movers[0].drainInto(t);
            }
            insertByProj(t);
            tree.set(t, far[t] >= 0);
        }
        return chosen;
    }

    /** Scans the clusters at window positions [from, to) that centre t (example m) may reach; movers to {@code out}. */
    private void scanWindow(int from, int to, int a0, int t, int m, Movers out) {
        for (int p = from; p < to; p++) {
            int a = byProj[p];
            if (size[a] == 0 || (a != a0 && (radius[a] == 0 || beyond(a, t)))) {
                continue;
            }
            scan(a, t, m, out);
        }
    }

    /** The first position of byProj[0, t) whose centre's proj0 is at least {@code v}. */
    private int lowerBound(int t, double v) {
        int lo = 0;
        int hi = t;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (proj0[byProj[mid]] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Inserts centre {@code t} into byProj[0, t). */
    private void insertByProj(int t) {
        int at = lowerBound(t, proj0[t]);
        System.arraycopy(byProj, at, byProj, at + 1, t - at);
        byProj[at] = t;
    }

    /** Centre {@code t} is local example {@code m}: its features, contiguous, and its projections. */
    private void addCentre(int t, int m) {
        System.arraycopy(x, m * dim, centres, t * dim, dim);
        for (int k = 0; k < axes.length; k++) {
            proj[t * AXES + k] = Axes.dot(axes[k], x, m * dim);
        }
        proj0[t] = proj[t * AXES];
    }

    /**
     * Whether centre {@code t} is surely at least 2 r_a from centre {@code a}: first along the axes (a
     * projection of a difference is never longer than the difference), then in float, blocked, stopping early.
     */
    private boolean beyond(int a, int t) {
        double bound = 4.0 * radius[a] * (1.0 + MARGIN);
        return KCenterBounds.projected2(proj, a * AXES, proj, t * AXES, AXES) > bound
                || KCenterBounds.floatAbove(centres, a * dim, t * dim, dim, bound);
    }

    /** An empty cluster {@code a} with room for {@code capacity} members. */
    private void open(int a, int capacity) {
        int c = Math.max(1, capacity);
        members[a] = new int[c];
        memberD[a] = new double[c];
        memberP[a] = new double[c * AXES];
        size[a] = 0;
        radius[a] = -1;
        far[a] = -1;
    }

    /** Adds local example {@code i} at distance² {@code d} (axis coordinates p0, p1) to cluster {@code a}. */
    private void append(int a, int i, double d, double[] p, int from) {
        int n = size[a];
        if (n == members[a].length) {
            int c = 2 * n;
            members[a] = Arrays.copyOf(members[a], c);
            memberD[a] = Arrays.copyOf(memberD[a], c);
            memberP[a] = Arrays.copyOf(memberP[a], c * AXES);
        }
        members[a][n] = i;
        memberD[a][n] = d;
        System.arraycopy(p, from, memberP[a], n * AXES, AXES);
        size[a] = n + 1;
        if (better(i, d, far[a], radius[a])) {
            far[a] = i;
            radius[a] = d;
        }
    }

    /** Moves the members of cluster {@code a} that are nearer to the new centre {@code t} (example m) to it. */
    private void scan(int a, int t, int m, Movers out) {
        // a member i with 2 d(i, a) below d(c, a) cannot come nearer to c (d(i, c) ≥ d(c, a) − d(i, a) > d(i, a))
        double ca = SquaredDistance.of(centres, a * dim, centres, t * dim, dim) / (4.0 * (1.0 + MARGIN));
        int pc = t * AXES;
        int[] mem = members[a];
        double[] md = memberD[a];
        double[] mp = memberP[a];
        int n = size[a];
        int w = 0;
        double r = -1;
        int best = -1;
        for (int j = 0; j < n; j++) {
            int i = mem[j];
            if (i == m) {
                continue;
            }
            double mi = md[j];
            double limit = mi * (1.0 + MARGIN);
            // the exact distance only where no bound rules c out; it stops once it reaches the member's distance
            double d = mi < ca || KCenterBounds.projected2(mp, j * AXES, proj, pc, AXES) > limit
                    ? Double.POSITIVE_INFINITY
                    : SquaredDistance.below(x, i * dim, centres, t * dim, dim, mi);
            if (d < mi) {
                out.add(i, d, mp, j * AXES);
            } else {
                mem[w] = i;
                md[w] = mi;
                System.arraycopy(mp, j * AXES, mp, w * AXES, AXES);
                w++;
                if (better(i, mi, best, r)) {
                    best = i;
                    r = mi;
                }
            }
        }
        size[a] = w;
        radius[a] = r;
        far[a] = best;
        out.scanned(a);
    }

    /**
     * What one half of a window scan found: the members that move to the new centre (with their distances and axis
     * coordinates) and the clusters it scanned, whose places in the tournament are updated after the scan.
     */
    private final class Movers {
        private int[] ids = new int[64];
        private double[] d = new double[64];
        private double[] p = new double[64 * AXES];
        private int n;
        private int[] clusters = new int[64];
        private int scannedCount;

        void add(int i, double di, double[] from, int at) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, 2 * n);
                d = Arrays.copyOf(d, 2 * n);
                p = Arrays.copyOf(p, 2 * n * AXES);
            }
            ids[n] = i;
            d[n] = di;
            System.arraycopy(from, at, p, n * AXES, AXES);
            n++;
        }

        void scanned(int a) {
            if (scannedCount == clusters.length) {
                clusters = Arrays.copyOf(clusters, 2 * scannedCount);
            }
            clusters[scannedCount++] = a;
        }

        /** Appends the movers to cluster t and updates the scanned clusters in the tournament; empties itself. */
        void drainInto(int t) {
            for (int k = 0; k < n; k++) {
                append(t, ids[k], d[k], p, k * AXES);
            }
            for (int k = 0; k < scannedCount; k++) {
                tree.set(clusters[k], far[clusters[k]] >= 0);
            }
            n = 0;
            scannedCount = 0;
        }
    }

    /** Whether member i at distance di goes before member j at dj: farther, then smaller key, then id. */
    private boolean better(int i, double di, int j, double dj) {
        if (j < 0) {
            return i >= 0;
        }
        if (i < 0) {
            return false;
        }
        int c = Double.compare(di, dj);
        return c > 0 || (c == 0 && order.compare(rows[i], rows[j]) < 0);
    }
}
