package dev.winnow.train.nmt;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A cheap stand-in for the quality estimators that CAT is compared with (COMET-QE, LASER and LaBSE filtering;
 * Chimoto et al. 2024), computed from the training corpus alone:
 * <ul>
 *   <li><b>lexical adequacy</b> a ∈ [0, 1]: the Dice coefficient of two words, 2·c(s,t) / (c(s) + c(t)) with
 *       c counting the pairs a word (or both words) occurs in, is a classic estimate of how likely t translates s
 *       (Smadja et al. 1996); a pair's adequacy is the mean, over its distinct target words, of the best Dice
 *       coefficient with any of its source words: how well the source explains each target word;</li>
 *   <li><b>length plausibility</b>: z, the standard score of log(target length / source length) over the corpus.</li>
 * </ul>
 * quality = a − 0.1·|z| (higher = a better pair). As a Winnow score (higher = harder) it is negated, so the
 * quality filter keeps the lowest: {@code external:easy}.
 */
public final class QualityScore {
    /** Weight of the length term. */
    public static final double LENGTH_WEIGHT = 0.1;

    /** Per pair, index order: lexical adequacy, length z-score and quality. */
    public record Values(double[] adequacy, double[] lengthZ, double[] quality) {
    }

    private QualityScore() {
    }

    /** The quality of every pair of {@code split} (its token ids: unknown words count as one word type). */
    public static Values of(ParallelText.Split split) {
        int n = split.size();
        Map<Integer, Integer> cs = new HashMap<>();
        Map<Integer, Integer> ct = new HashMap<>();
        Map<Long, Integer> joint = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Set<Integer> s = distinct(split.source()[i]);
            Set<Integer> t = distinct(split.target()[i]);
            s.forEach(w -> cs.merge(w, 1, Integer::sum));
            t.forEach(w -> ct.merge(w, 1, Integer::sum));
            for (int a : s) {
                for (int b : t) {
                    joint.merge(key(a, b), 1, Integer::sum);
                }
            }
        }
        double[] logRatio = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            logRatio[i] = Math.log((double) split.target()[i].length / split.source()[i].length);
            mean += logRatio[i];
        }
        mean /= n;
        double var = 0;
        for (double r : logRatio) {
            var += (r - mean) * (r - mean);
        }
        double sd = Math.sqrt(var / n);
        double[] adequacy = new double[n];
        double[] z = new double[n];
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            Set<Integer> s = distinct(split.source()[i]);
            Set<Integer> t = distinct(split.target()[i]);
            double sum = 0;
            for (int b : t) {
                double best = 0;
                for (int a : s) {
                    best = Math.max(best, 2.0 * joint.getOrDefault(key(a, b), 0) / (cs.get(a) + ct.get(b)));
                }
                sum += best;
            }
            adequacy[i] = sum / t.size();
            z[i] = sd > 0 ? (logRatio[i] - mean) / sd : 0;
            q[i] = adequacy[i] - LENGTH_WEIGHT * Math.abs(z[i]);
        }
        return new Values(adequacy, z, q);
    }

    private static Set<Integer> distinct(int[] ids) {
        Set<Integer> s = new HashSet<>();
        for (int v : ids) {
            s.add(v);
        }
        return s;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }
}
