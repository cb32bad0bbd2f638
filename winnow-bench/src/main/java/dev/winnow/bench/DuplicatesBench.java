package dev.winnow.bench;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.quality.DuplicateGroups;
import dev.winnow.quality.NearDuplicates;
import dev.winnow.quality.UnitFeatures;
import dev.winnow.random.RandomKey;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The near-duplicate search on planted duplicates: N rows of D features, of which P = 1% are copies of other rows
 * with small Gaussian noise (noise of norm {@code noise} relative to the row, so cosine ≈ 1/√(1 + noise²)), half of
 * them given another class. The base rows are a store's features (the first N − P examples of run 0) or, without
 * a store, a synthetic ReLU'd Gaussian mixture (100 centres). Reports the partitioned search's wall and process
 * CPU seconds; the planted recall (copies grouped with their source) and precision (of the links the search
 * makes, the share that are planted pairs; the others are near-duplicates already in the base rows, counted
 * separately); and, unless N is large, the baseline of comparing all N²/2 pairs, timed in the same run, with the
 * search's recall and precision against it (an exact search: both 1).
 *
 * <pre>
 * java -Xmx8g -cp winnow-cli/target/winnow.jar dev.winnow.bench.DuplicatesBench N EPS [STORE] [NOISE] [BRUTE]
 * </pre>
 */
public final class DuplicatesBench {
    private DuplicatesBench() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        double eps = Double.parseDouble(args[1]);
        Path store = args.length > 2 && !args[2].equals("-") ? Path.of(args[2]) : null;
        double noise = args.length > 3 ? Double.parseDouble(args[3]) : 0.02;
        boolean brute = args.length > 4 ? Boolean.parseBoolean(args[4]) : n <= 100_000;
        int d = 128;
        int planted = n / 100;
        int base = n - planted;
        float[] h;
        String from;
        if (store != null) {
            DynamicsStore s = DynamicsStore.open(store);
            UnitFeatures f = UnitFeatures.of(s, 0);
            d = f.d();
            if (f.n() < base) {
                throw new IllegalArgumentException(store + " has " + f.n() + " examples, fewer than " + base);
            }
            h = new float[n * d];
            System.arraycopy(f.rows(), 0, h, 0, base * d);
            from = "features of " + store;
        } else {
            h = mixture(n, base, d);
            from = "a synthetic ReLU'd Gaussian mixture";
        }
        SplittableRandom r = new SplittableRandom(1);
        int[] source = new int[planted];
        for (int p = 0; p < planted; p++) {
            int src = (int) (Long.remainderUnsigned(RandomKey.key(5, p), base));
            source[p] = src;
            int row = base + p;
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += (double) h[src * d + j] * h[src * d + j];
            }
            double scale = noise * Math.sqrt(norm / d);
            for (int j = 0; j < d; j++) {
                h[row * d + j] = (float) (h[src * d + j] + scale * r.nextGaussian());
            }
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        UnitFeatures f = UnitFeatures.normalise(h, n, d, ids, "bench");
        System.out.printf(Locale.ROOT, "N=%d (%d planted copies, noise %.3f), D=%d, eps=%s, from %s, %d processors%n",
                n, planted, noise, d, eps, from, Runtime.getRuntime().availableProcessors());
        int w = Math.min(n, 5000);
        NearDuplicates.find(UnitFeatures.normalise(java.util.Arrays.copyOf(h, w * d), w, d, ids, "warm-up"),
                java.util.Arrays.copyOf(ids, w), eps, 0);
        long cpu0 = cpu();
        long t0 = System.nanoTime();
        DuplicateGroups g = NearDuplicates.find(f, ids, eps, 0);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpuSecs = (cpu() - cpu0) / 1e9;
        int found = 0;
        for (int p = 0; p < planted; p++) {
            found += g.group(base + p) >= 0 && g.group(base + p) == g.group(source[p]) ? 1 : 0;
        }
        long links = 0;
        long plantedLinks = 0;
        // the links within the groups the search reports: members that are not planted copies and not the
        // source of one are natural near-duplicates of the base rows
        int natural = 0;
        boolean[] isSource = new boolean[n];
        for (int s : source) {
            isSource[s] = true;
        }
        for (int i = 0; i < base; i++) {
            if (g.group(i) >= 0 && !isSource[i]) {
                natural++;
            }
        }
        System.out.printf(Locale.ROOT, "search: %.2f s wall, %.2f s CPU; %d groups, %d members; planted recall %.4f "
                        + "(%d of %d copies grouped with their source); base rows grouped that are no source: %d; "
                        + "planted precision (grouped copies and sources over all grouped) %.4f%n",
                wall, cpuSecs, g.groups(), g.members(), (double) found / planted, found, planted, natural,
                (double) (g.members() - natural) / Math.max(1, g.members()));
        if (brute) {
            long c1 = cpu();
            long t1 = System.nanoTime();
            float min = (float) (1 - eps);
            long[] counts = new long[2];
            java.util.stream.IntStream.range(0, 64).parallel().forEach(ch -> {
                long l = 0;
                long agree = 0;
                for (int i = ch; i < n; i += 64) {
                    for (int j = i + 1; j < n; j++) {
                        if (f.dot(i, j) >= min) {
                            l++;
                            agree += g.group(i) >= 0 && g.group(i) == g.group(j) ? 1 : 0;
                        }
                    }
                }
                synchronized (counts) {
                    counts[0] += l;
                    counts[1] += agree;
                }
            });
            double bw = (System.nanoTime() - t1) / 1e9;
            double bc = (cpu() - c1) / 1e9;
            System.out.printf(Locale.ROOT, "all pairs (baseline): %.2f s wall, %.2f s CPU; %d links, %d of them within "
                    + "one group of the search (recall %.4f); search / all pairs: %.3fx wall, %.3fx CPU%n",
                    bw, bc, counts[0], counts[1], counts[0] == 0 ? 1.0 : (double) counts[1] / counts[0], wall / bw,
                    cpuSecs / bc);
        }
    }

    private static float[] mixture(int n, int base, int d) {
        SplittableRandom r = new SplittableRandom(3);
        int k = 100;
        float[] centres = new float[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) r.nextGaussian();
        }
        float[] h = new float[n * d];
        for (int i = 0; i < base; i++) {
            int c = r.nextInt(k);
            for (int j = 0; j < d; j++) {
                h[i * d + j] = (float) Math.max(0, centres[c * d + j] + r.nextGaussian());
            }
        }
        return h;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
