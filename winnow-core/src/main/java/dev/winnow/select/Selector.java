package dev.winnow.select;

import dev.winnow.WinnowException;
import dev.winnow.io.ScoreTable;

import java.util.Arrays;

/**
 * Selects a keep-list from scores (higher = harder), labels and a seed, following the exact rules of
 * DESIGN.md "Selection" so that every engine produces the same keep-list.
 *
 * <p>This class checks the input and drives the run: the whole table as one group, or one group per class
 * with largest-remainder quotas ({@link ClassPartition}, {@link Quotas}). Each strategy's rule is in
 * {@link StrategyRun}; the orders it takes prefixes of ("hard", "easy", "key") and how a prefix is found
 * without sorting the data are in {@link Ranking}. Only the k kept ids are sorted, at the end.
 */
public final class Selector {
    private Selector() {
    }

    /**
     * Runs the selection; the keep-list's provenance records the options and N (the caller adds its inputs
     * and tool version with {@link KeepList#withSources}). Fails with {@link IllegalArgumentException} when the budget does not fit the
     * data (a usage error) and with {@link WinnowException} when the scores cannot be used (NaN anywhere
     * but {@code random}; an infinite score with {@code stratified}).
     */
    public static KeepList select(ScoreTable table, SelectOptions options) {
        if (options.strategy().readsFeatures()) {
            throw new IllegalArgumentException(options.strategy() + " selects on features: give the features too "
                    + "(FeatureSelector; on the command line --dynamics DIR)");
        }
        int n = table.size();
        if (n == 0) {
            throw new WinnowException("no examples to select from");
        }
        int k = options.resolve(n);
        checkScores(table.scores(), options.strategy());
        StrategyRun run = new StrategyRun(table, options);
        if (!options.classBalanced()) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            run.group(all, 0, n, k);
        } else {
            ClassPartition p = ClassPartition.of(table.labels());
            int[] quota = Quotas.largestRemainder(k, p.sizes);
            for (int c = 0; c < p.sizes.length; c++) {
                if (quota[c] > 0) {
                    run.group(p.members, p.start[c], p.sizes[c], quota[c]);
                }
            }
        }
        return run.collect();
    }

    private static void checkScores(float[] scores, Strategy s) {
        if (s == Strategy.RANDOM) {
            return;
        }
        for (int i = 0; i < scores.length; i++) {
            float v = scores[i];
            if (Float.isNaN(v)) {
                throw new WinnowException("score of example at row " + (i + 1) + " is NaN");
            }
            if (s == Strategy.STRATIFIED && Float.isInfinite(v)) {
                throw new WinnowException("stratified needs finite scores; example at row " + (i + 1)
                        + " has " + v);
            }
        }
    }

    /**
     * The stratified bin of score {@code s}: {@code min(B - 1, floor((s - lo) / (hi - lo) * B))}, evaluated
     * left to right in double from the float32 values; 0 for all when {@code hi == lo}. Public so that
     * other engines (winnow-spark) bin with this very code.
     */
    public static int binOf(float s, float lo, float hi, int bins) {
        if (hi == lo) {
            return 0;
        }
        double x = ((double) s - (double) lo) / ((double) hi - (double) lo) * bins;
        return (int) Math.min(bins - 1, (long) Math.floor(x));
    }

    /**
     * How many each bin gives: bins visited by size ascending (ties by bin index), each taking
     * {@code min(size, remaining / bins left)} with integer division; empty bins count as bins left.
     * Public so that other engines (winnow-spark) allocate with this very code.
     */
    public static int[] allocate(int[] size, int budget) {
        int bins = size.length;
        long[] order = new long[bins];
        for (int b = 0; b < bins; b++) {
            order[b] = ((long) size[b] << 32) | b;
        }
        Arrays.sort(order);
        int[] take = new int[bins];
        long remaining = budget;
        for (int t = 0; t < bins; t++) {
            int b = (int) (order[t] & 0xFFFFFFFFL);
            long avg = remaining / (bins - t);
            take[b] = (int) Math.min(size[b], avg);
            remaining -= take[b];
        }
        return take;
    }
}
