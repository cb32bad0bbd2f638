package dev.winnow.quality;

import dev.winnow.random.RandomKey;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A seeded k-means partition of unit feature rows, built to make an exact radius search cheap: each row
 * belongs to its nearest centre, and also lists as <em>neighbour</em> every other partition A whose region it
 * lies within {@code radius} of. Row y of partition B can have a row x of A within distance r only if y is
 * within r of the bisecting hyperplane of the two centres, that is
 * (‖y − c_A‖² − ‖y − c_B‖²) / (2‖c_A − c_B‖) ≤ r; so searching each row's own partition and its neighbours
 * finds every pair within r, whatever the centres are. The centres only decide how fast.
 *
 * <p>Rules (deterministic for a seed, in any thread count): K = 1 below {@value #SMALL} rows, else ⌈√N⌉; the
 * first centres are the rows with the K smallest random keys of their ids ({@link RandomKey}); Lloyd's
 * iterations ({@value #ITERATIONS}) run on the rows with the min(N, {@value #SAMPLE_PER_CENTRE}·K) smallest
 * keys, a centre left empty stays where it was; then every row goes to its nearest centre (ties to the
 * smaller index).
 */
final class KMeansPartition {
    static final int SMALL = 1024;
    static final int ITERATIONS = 6;
    static final int SAMPLE_PER_CENTRE = 32;
    /** Slack on the hyperplane test for the rounding of float distances. */
    private static final double SLACK = 1e-4;

    final int k;
    /** Partition of each row. */
    final int[] partition;
    /** Rows of each partition: members[start[p] .. start[p+1]). */
    final int[] start;
    final int[] members;
    /** Rows that visit partition p (they list it as a neighbour): visitors[vstart[p] .. vstart[p+1]). */
    final int[] vstart;
    final int[] visitors;

    private KMeansPartition(int k, int[] partition, int[] start, int[] members, int[] vstart, int[] visitors) {
        this.k = k;
        this.partition = partition;
        this.start = start;
        this.members = members;
        this.vstart = vstart;
        this.visitors = visitors;
    }

    /** Partitions the rows of {@code f} (ids {@code ids}, keys under {@code seed}) for searches within {@code radius}. */
    static KMeansPartition build(UnitFeatures f, long[] ids, long seed, double radius) {
        int n = f.n();
        int d = f.d();
        int k = n < SMALL ? 1 : (int) Math.ceil(Math.sqrt(n));
        Integer[] byKey = new Integer[n];
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            byKey[i] = i;
            key[i] = RandomKey.key(seed, ids[i]);
        }
        Arrays.sort(byKey, (a, b) -> {
            int c = RandomKey.compare(key[a], key[b]);
            return c != 0 ? c : Long.compare(ids[a], ids[b]);
        });
        float[] centres = new float[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(f.rows(), byKey[c] * d, centres, c * d, d);
        }
        int s = (int) Math.min(n, (long) SAMPLE_PER_CENTRE * k);
        int[] sample = new int[s];
        for (int i = 0; i < s; i++) {
            sample[i] = byKey[i];
        }
        if (k > 1) {
            for (int it = 0; it < ITERATIONS; it++) {
                centres = lloyd(f, sample, centres, k);
            }
        }
        return assign(f, centres, k, radius);
    }

    /** One Lloyd step on the sample: assign, then move each centre to its members' mean. */
    private static float[] lloyd(UnitFeatures f, int[] sample, float[] centres, int k) {
        int d = f.d();
        float[] norms = norms(centres, k, d);
        int[] near = IntStream.range(0, sample.length).parallel()
                .map(i -> nearest(f.rows(), sample[i] * d, centres, norms, k, d, null)).toArray();
        double[] sum = new double[k * d];
        int[] count = new int[k];
        for (int i = 0; i < sample.length; i++) {
            int c = near[i];
            count[c]++;
            int o = sample[i] * d;
            for (int j = 0; j < d; j++) {
                sum[c * d + j] += f.rows()[o + j];
            }
        }
        float[] next = centres.clone();
        for (int c = 0; c < k; c++) {
            if (count[c] > 0) {
                for (int j = 0; j < d; j++) {
                    next[c * d + j] = (float) (sum[c * d + j] / count[c]);
                }
            }
        }
        return next;
    }

    private static float[] norms(float[] centres, int k, int d) {
        float[] out = new float[k];
        for (int c = 0; c < k; c++) {
            out[c] = Vectors.dot(centres, c * d, centres, c * d, d);
        }
        return out;
    }

    /**
     * The nearest centre of the unit row at {@code rows[o..]}: ‖x − c‖² = 1 − 2x·c + ‖c‖². When {@code dist} is
     * given it receives every squared distance.
     */
    private static int nearest(float[] rows, int o, float[] centres, float[] norms, int k, int d, double[] dist) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double dc = 1 - 2.0 * Vectors.dot(rows, o, centres, c * d, d) + norms[c];
            if (dist != null) {
                dist[c] = dc;
            }
            if (dc < bestD) {
                bestD = dc;
                best = c;
            }
        }
        return best;
    }

    /** Every row to its nearest centre, with the partitions it must also be compared within. */
    private static KMeansPartition assign(UnitFeatures f, float[] centres, int k, double radius) {
        int n = f.n();
        int d = f.d();
        float[] norms = norms(centres, k, d);
        double[] between = new double[k * k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                between[a * k + b] = Math.sqrt(Vectors.distance2(centres, a * d, centres, b * d, d));
            }
        }
        int[] partition = new int[n];
        int[][] neighbours = new int[n][];
        int chunks = Math.max(1, Math.min(n, 256));
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            double[] dist = new double[k];
            int[] found = new int[k];
            for (int i = (int) ((long) n * ch / chunks); i < (int) ((long) n * (ch + 1) / chunks); i++) {
                int own = nearest(f.rows(), i * d, centres, norms, k, d, dist);
                partition[i] = own;
                int m = 0;
                for (int a = 0; a < k; a++) {
                    if (a != own && between[a * k + own] > 0
                            && (dist[a] - dist[own]) / (2 * between[a * k + own]) <= radius + SLACK) {
                        found[m++] = a;
                    } else if (a != own && between[a * k + own] == 0) {
                        found[m++] = a; // two centres at one point: no hyperplane between them
                    }
                }
                neighbours[i] = Arrays.copyOf(found, m);
            }
        });
        int[] start = new int[k + 1];
        int[] vstart = new int[k + 1];
        for (int i = 0; i < n; i++) {
            start[partition[i] + 1]++;
            for (int a : neighbours[i]) {
                vstart[a + 1]++;
            }
        }
        for (int c = 0; c < k; c++) {
            start[c + 1] += start[c];
            vstart[c + 1] += vstart[c];
        }
        int[] members = new int[n];
        int[] visitors = new int[vstart[k]];
        int[] fill = Arrays.copyOf(start, k);
        int[] vfill = Arrays.copyOf(vstart, k);
        for (int i = 0; i < n; i++) {
            members[fill[partition[i]]++] = i;
            for (int a : neighbours[i]) {
                visitors[vfill[a]++] = i;
            }
        }
        return new KMeansPartition(k, partition, start, members, vstart, visitors);
    }

    /** How many row visits the search makes beyond the rows' own partitions (for progress and tuning). */
    int visits() {
        return visitors.length;
    }
}
