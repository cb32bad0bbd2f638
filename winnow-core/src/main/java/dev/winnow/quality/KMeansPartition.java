package dev.winnow.quality;

import dev.winnow.random.RandomKey;
import dev.winnow.select.SquaredDistance;

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
    /** Distance of each member to its partition's centre, parallel to {@link #members}, ascending within a partition. */
    final float[] memberDistance;
    /** Rows that visit partition p (they list it as a neighbour): visitors[vstart[p] .. vstart[p+1]). */
    final int[] vstart;
    final int[] visitors;
    /** Distance of each visitor to the centre of the partition it visits, parallel to {@link #visitors}. */
    final float[] visitorDistance;

    private KMeansPartition(int k, int[] partition, int[] start, int[] members, float[] memberDistance,
                            int[] vstart, int[] visitors, float[] visitorDistance) {
        this.k = k;
        this.partition = partition;
        this.start = start;
        this.members = members;
        this.memberDistance = memberDistance;
        this.vstart = vstart;
        this.visitors = visitors;
        this.visitorDistance = visitorDistance;
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
                between[a * k + b] = Math.sqrt(SquaredDistance.of(centres, a * d, centres, b * d, d));
            }
        }
        int[] partition = new int[n];
        float[] own = new float[n];
        int[][] neighbours = new int[n][];
        float[][] neighbourDistance = new float[n][];
        int chunks = Math.max(1, Math.min(n, 256));
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            double[] dist = new double[k];
            int[] found = new int[k];
            float[] foundD = new float[k];
            for (int i = (int) ((long) n * ch / chunks); i < (int) ((long) n * (ch + 1) / chunks); i++) {
                int b = nearest(f.rows(), i * d, centres, norms, k, d, dist);
                partition[i] = b;
                own[i] = (float) Math.sqrt(Math.max(0, dist[b]));
                int m = 0;
                for (int a = 0; a < k; a++) {
                    if (a == b) {
                        continue;
                    }
                    double gap = between[a * k + b];
                    // two centres at one point have no hyperplane between them: always a neighbour
                    if (gap == 0 || (dist[a] - dist[b]) / (2 * gap) <= radius + SLACK) {
                        foundD[m] = (float) Math.sqrt(Math.max(0, dist[a]));
                        found[m++] = a;
                    }
                }
                neighbours[i] = Arrays.copyOf(found, m);
                neighbourDistance[i] = Arrays.copyOf(foundD, m);
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
        float[] memberDistance = new float[n];
        int[] visitors = new int[vstart[k]];
        float[] visitorDistance = new float[vstart[k]];
        int[] fill = Arrays.copyOf(start, k);
        int[] vfill = Arrays.copyOf(vstart, k);
        for (int i = 0; i < n; i++) {
            int at = fill[partition[i]]++;
            members[at] = i;
            memberDistance[at] = own[i];
            for (int t = 0; t < neighbours[i].length; t++) {
                int v = vfill[neighbours[i][t]]++;
                visitors[v] = i;
                visitorDistance[v] = neighbourDistance[i][t];
            }
        }
        IntStream.range(0, k).parallel().forEach(c -> sortByDistance(members, memberDistance, start[c], start[c + 1]));
        return new KMeansPartition(k, partition, start, members, memberDistance, vstart, visitors, visitorDistance);
    }

    /** Sorts rows[from..to) by their distances (ties by row), distances following. */
    private static void sortByDistance(int[] rows, float[] distance, int from, int to) {
        long[] packed = new long[to - from];
        for (int i = from; i < to; i++) {
            // non-negative floats order as their bits; the row breaks ties
            packed[i - from] = ((long) Float.floatToIntBits(distance[i]) << 32) | rows[i];
        }
        Arrays.sort(packed);
        for (int i = from; i < to; i++) {
            rows[i] = (int) packed[i - from];
            distance[i] = Float.intBitsToFloat((int) (packed[i - from] >>> 32));
        }
    }

    /** How many row visits the search makes beyond the rows' own partitions (for progress and tuning). */
    int visits() {
        return visitors.length;
    }
}
