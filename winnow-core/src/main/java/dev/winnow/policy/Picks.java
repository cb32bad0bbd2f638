package dev.winnow.policy;

import dev.winnow.random.RandomKey;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded randomness and index-set helpers shared by the policies. Package-private.
 *
 * <p>Each epoch gets its own generator, seeded from {@code (seed, epoch − 1)}, so a plan depends only
 * on the seed, the epoch and the losses observed so far, not on how many plans were asked for
 * before.
 */
final class Picks {
    private Picks() {}

    /**
     * The generator for one epoch: SplittableRandom seeded with the random key of (seed, e), where e is the
     * epoch counted from 0 (loop epoch − 1; see {@code BasePolicy.random}).
     */
    static SplittableRandom epochRandom(long seed, int zeroBasedEpoch) {
        return new SplittableRandom(RandomKey.key(seed, zeroBasedEpoch));
    }

    /** The budget {@code max(1, floor(fraction * n))} of DESIGN.md, for {@code n >= 1}. */
    static int budget(double fraction, int n) {
        return (int) Math.max(1, Math.min(n, (long) Math.floor(fraction * n)));
    }

    /** {@code 0..n-1}. */
    static int[] all(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /**
     * {@code k} of {@code 0..n-1} uniformly at random without replacement, ascending (selection
     * sampling, Knuth's Algorithm S: O(n) time, no extra memory).
     */
    static int[] sampleRange(SplittableRandom rng, int n, int k) {
        int[] out = new int[k];
        int chosen = 0;
        for (int i = 0; i < n && chosen < k; i++) {
            if (rng.nextLong(n - i) < k - chosen) {
                out[chosen++] = i;
            }
        }
        return out;
    }

    /** {@code k} of {@code candidates} uniformly at random without replacement, in their order. */
    static int[] sample(SplittableRandom rng, int[] candidates, int k) {
        int m = candidates.length;
        if (k < 0 || k > m) {
            throw new IllegalArgumentException("cannot sample " + k + " of " + m);
        }
        int[] out = new int[k];
        int chosen = 0;
        for (int i = 0; i < m && chosen < k; i++) {
            if (rng.nextLong(m - i) < k - chosen) {
                out[chosen++] = candidates[i];
            }
        }
        return out;
    }

    /**
     * The {@code k} candidates with the highest {@code score[candidate]}, in the candidates'
     * order; candidates tied at the threshold score are chosen uniformly at random. Scores must
     * not be NaN.
     */
    static int[] top(double[] score, int[] candidates, int k, SplittableRandom rng) {
        int m = candidates.length;
        if (k < 0 || k > m) {
            throw new IllegalArgumentException("cannot take " + k + " of " + m);
        }
        if (k == 0) {
            return new int[0];
        }
        if (k == m) {
            return candidates.clone();
        }
        double[] values = new double[m];
        for (int j = 0; j < m; j++) {
            values[j] = score[candidates[j]] + 0.0; // + 0.0 folds -0.0 into 0.0
        }
        Arrays.sort(values);
        double threshold = values[m - k];
        int above = 0;
        int tied = 0;
        for (int c : candidates) {
            double s = score[c] + 0.0;
            if (s > threshold) {
                above++;
            } else if (s == threshold) {
                tied++;
            }
        }
        int[] tiedIdx = new int[tied];
        int t = 0;
        for (int c : candidates) {
            if (score[c] + 0.0 == threshold) {
                tiedIdx[t++] = c;
            }
        }
        int[] tieWinners = sample(rng, tiedIdx, k - above);
        int[] out = new int[k];
        int o = 0;
        int w = 0;
        for (int c : candidates) {
            double s = score[c] + 0.0;
            if (s > threshold) {
                out[o++] = c;
            } else if (w < tieWinners.length && tieWinners[w] == c) {
                out[o++] = c;
                w++;
            }
        }
        return out;
    }

    /** The union of two ascending, disjoint index arrays, ascending. */
    static int[] merge(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int o = 0;
        while (i < a.length && j < b.length) {
            out[o++] = a[i] < b[j] ? a[i++] : b[j++];
        }
        while (i < a.length) {
            out[o++] = a[i++];
        }
        while (j < b.length) {
            out[o++] = b[j++];
        }
        return out;
    }

    /** The elements of ascending {@code all} not in ascending subset {@code sub}, ascending. */
    static int[] minus(int[] all, int[] sub) {
        int[] out = new int[all.length - sub.length];
        int j = 0;
        int o = 0;
        for (int x : all) {
            if (j < sub.length && sub[j] == x) {
                j++;
            } else {
                out[o++] = x;
            }
        }
        return out;
    }

    /** Checks an observe() call; throws before anything is recorded. */
    static void checkObservation(int n, int[] indices, float[] losses) {
        if (indices.length != losses.length) {
            throw new IllegalArgumentException(
                    indices.length + " indices but " + losses.length + " losses");
        }
        for (int j = 0; j < indices.length; j++) {
            if (indices[j] < 0 || indices[j] >= n) {
                throw new IllegalArgumentException(
                        "index " + indices[j] + " outside the training set 0.." + (n - 1));
            }
            if (!Float.isFinite(losses[j])) {
                throw new IllegalArgumentException(
                        "loss of example " + indices[j] + " is " + losses[j] + "; losses must be finite");
            }
        }
    }

    static void checkEpoch(int epoch, int totalEpochs) {
        if (totalEpochs < 1) {
            throw new IllegalArgumentException("totalEpochs must be >= 1, got " + totalEpochs);
        }
        if (epoch < 1 || epoch > totalEpochs) {
            throw new IllegalArgumentException(
                    "epoch " + epoch + " outside 1.." + totalEpochs + " (epochs count from 1)");
        }
    }

    static void checkSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the training set must hold at least 1 example, got n=" + n);
        }
    }

    /** A number as the spec writes it: shortest round-trip decimal, "1.0" not "1". */
    static String num(double x) {
        return Double.toString(x);
    }
}
