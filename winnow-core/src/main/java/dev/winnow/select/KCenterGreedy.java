package dev.winnow.select;

/**
 * Greedy k-center (Sener &amp; Savarese 2018, "Active Learning for Convolutional Neural Networks: A Core-Set
 * Approach"; Gonzalez 1985): the first centre is the example with the smallest random key; then, q − 1 times, the
 * example farthest from its nearest chosen centre becomes a centre (squared distance {@link Features#distance2},
 * ties by the smaller key, then id). The result is exactly that of the plain algorithm, which computes every
 * example's distance to every new centre (N · k distances); this one skips most of them.
 *
 * <p>How it avoids the N · k distances: every example belongs to the cluster of its nearest centre, and each
 * cluster knows its radius r (the largest distance of a member to it). A new centre c can only come nearer to a
 * member i of cluster a if d(c, a) &lt; 2 r_a (triangle inequality: d(i, c) ≥ d(c, a) − d(i, a) ≥ r_a ≥ d(i, a)
 * otherwise), so a cluster is scanned only when that bound fails. The test d(c, a) ≥ 2 r_a runs blocked over the
 * centres' features held contiguously, in float, stopping a block as soon as the partial sum passes the bound,
 * and with a safety margin of {@value #MARGIN} so that the float sum's rounding can only make it scan more, never
 * skip a member the exact double distance would have moved. Clusters sit in a tournament tree ordered by (radius
 * descending, key, id), whose root is the next centre.
 */
final class KCenterGreedy {
    /** Relative margin on the squared bound 4 r²: far above float32 rounding of a sum of D ≤ 10^4 squares. */
    static final double MARGIN = 1e-2;

    private final int len;
    private final int dim;
    private final float[] x;
    private final int[] rows;
    private final FeatureSelector.Order order;
    private final double[] mind;
    private final int[] next;
    private final int[] head;
    private final double[] radius;
    private final int[] far;
    private final float[] centres;
    private final Tournament tree;
    /** Two unit directions (the data's first principal axes) and each centre's coordinates along them. */
    private final double[][] axes;
    private final double[] proj0;
    private final double[] proj1;
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
        this.mind = new double[len];
        this.next = new int[len];
        this.head = new int[q];
        this.radius = new double[q];
        this.far = new int[q];
        this.centres = new float[q * dim];
        this.tree = new Tournament(q);
        this.axes = Axes.principal(x, len, dim, 2);
        this.proj0 = new double[q];
        this.proj1 = new double[q];
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
        head[0] = -1;
        for (int j = len - 1; j >= 0; j--) {
            if (j != first) {
                mind[j] = Features.distance2(x, j * dim, centres, 0, dim);
                next[j] = head[0];
                head[0] = j;
            }
        }
        refresh(0);
        insertByProj(0);
        for (int t = 1; t < q; t++) {
            int a0 = tree.bestLeaf();
            int m = far[a0];
            chosen[t] = m;
            addCentre(t, m);
            head[t] = -1;
            radius[t] = -1;
            far[t] = -1;
            // every cluster's radius is at most the chosen one's distance, so only centres within twice that
            // along axis 0 can be near enough: a window of byProj
            double w = 2.0 * Math.sqrt(radius[a0]) * (1.0 + MARGIN);
            int from = lowerBound(t, proj0[t] - w);
            for (int p = from; p < t && proj0[byProj[p]] <= proj0[t] + w; p++) {
                int a = byProj[p];
                if (head[a] < 0 || (a != a0 && (radius[a] == 0 || beyond(a, t)))) {
                    continue;
                }
                scan(a, t, m);
            }
            insertByProj(t);
            tree.set(t, radius[t], far[t]);
        }
        return chosen;
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
        proj0[t] = Axes.dot(axes[0], x, m * dim);
        proj1[t] = Axes.dot(axes[1], x, m * dim);
    }

    /**
     * Whether centre {@code t} is surely at least 2 r_a from centre {@code a}: first along the two axes (a
     * projection of a difference is never longer than the difference), then in float, blocked, stopping early.
     */
    private boolean beyond(int a, int t) {
        double bound = 4.0 * radius[a] * (1.0 + MARGIN);
        double p0 = proj0[a] - proj0[t];
        double p1 = proj1[a] - proj1[t];
        if (p0 * p0 > bound || p1 * p1 > bound) {
            return true;
        }
        int pa = a * dim;
        int pt = t * dim;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        while (i + 16 <= dim) {
            for (int e = i + 16; i < e; i += 4) {
                float d0 = centres[pa + i] - centres[pt + i];
                float d1 = centres[pa + i + 1] - centres[pt + i + 1];
                float d2 = centres[pa + i + 2] - centres[pt + i + 2];
                float d3 = centres[pa + i + 3] - centres[pt + i + 3];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            if ((s0 + s1) + (s2 + s3) > bound) {
                return true;
            }
        }
        for (; i < dim; i++) {
            float d = centres[pa + i] - centres[pt + i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3) > bound;
    }

    /** Moves the members of cluster {@code a} that are nearer to the new centre {@code t} (example m) to it. */
    private void scan(int a, int t, int m) {
        // a member i with 2 d(i, a) below d(c, a) cannot come nearer to c (d(i, c) ≥ d(c, a) − d(i, a) > d(i, a))
        double ca = Features.distance2(centres, a * dim, centres, t * dim, dim) / (4.0 * (1.0 + MARGIN));
        int kept = -1;
        int keptTail = -1;
        int cur = head[a];
        while (cur >= 0) {
            int nxt = next[cur];
            if (cur != m) {
                double d = mind[cur] < ca ? Double.POSITIVE_INFINITY
                        : Features.distance2(x, cur * dim, centres, t * dim, dim);
                if (d < mind[cur]) {
                    mind[cur] = d;
                    next[cur] = head[t];
                    head[t] = cur;
                    if (better(cur, d, far[t], radius[t])) {
                        far[t] = cur;
                        radius[t] = d;
                    }
                } else {
                    next[cur] = -1;
                    if (keptTail < 0) {
                        kept = cur;
                    } else {
                        next[keptTail] = cur;
                    }
                    keptTail = cur;
                }
            }
            cur = nxt;
        }
        head[a] = kept;
        refresh(a);
    }

    /** Recomputes the radius and farthest member of cluster {@code a} from its list. */
    private void refresh(int a) {
        radius[a] = -1;
        far[a] = -1;
        for (int j = head[a]; j >= 0; j = next[j]) {
            if (better(j, mind[j], far[a], radius[a])) {
                far[a] = j;
                radius[a] = mind[j];
            }
        }
        tree.set(a, radius[a], far[a]);
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

    /** A tournament tree over the clusters: each node holds the better of its children by {@link #better}. */
    private final class Tournament {
        private final int size;
        private final int[] leaf;

        Tournament(int clusters) {
            int s = 1;
            while (s < clusters) {
                s <<= 1;
            }
            size = s;
            leaf = new int[2 * s];
            java.util.Arrays.fill(leaf, -1);
        }

        /** Cluster {@code a} now has radius {@code r} at member {@code member} (−1: no member). */
        void set(int a, double r, int member) {
            int p = a + size;
            leaf[p] = member < 0 ? -1 : a;
            for (p >>= 1; p >= 1; p >>= 1) {
                int l = leaf[2 * p];
                int rr = leaf[2 * p + 1];
                leaf[p] = pick(l, rr);
            }
        }

        private int pick(int a, int b) {
            if (a < 0) {
                return b;
            }
            if (b < 0) {
                return a;
            }
            return better(far[b], radius[b], far[a], radius[a]) ? b : a;
        }

        /** The cluster whose farthest member comes next. */
        int bestLeaf() {
            return leaf[1];
        }
    }
}
