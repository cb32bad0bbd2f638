package dev.winnow.select;

import dev.winnow.WinnowException;
import dev.winnow.io.ScoreTable;
import dev.winnow.random.RandomKey;

import java.util.Arrays;
import java.util.List;

/**
 * Selects a keep-list in feature space (DESIGN.md "Selection"; the exact rules and our decisions are in
 * docs/selection.md): {@code moderate} ({@link ModerateSelection}, always per class), {@code kcenter}
 * ({@link KCenterGreedy}) and {@code d2} ({@link D2Pruning}, which reads the scores too), each over the whole table
 * or, class-balanced, inside each class with the largest-remainder quotas of {@link Quotas}. The other strategies
 * go to {@link Selector}, so a caller may send every strategy here.
 */
public final class FeatureSelector {
    private FeatureSelector() {
    }

    /**
     * Runs the selection on {@code features}, row i of which belongs to row i of {@code table} (ids, labels and,
     * for {@code d2}, scores). Fails with {@link IllegalArgumentException} when the budget does not fit (a usage
     * error) and with {@link WinnowException} when the data cannot be used: features for another number of
     * examples, a NaN score where the strategy reads scores.
     */
    public static KeepList select(ScoreTable table, Features features, SelectOptions options) {
        if (!options.strategy().readsFeatures()) {
            return Selector.select(table, options);
        }
        int n = table.size();
        if (n == 0) {
            throw new WinnowException("no examples to select from");
        }
        if (features.size() != n) {
            throw new WinnowException(features.source() + ": features of " + features.size() + " examples, but "
                    + n + " to select from");
        }
        int k = options.resolve(n);
        float[] scores = table.scores();
        if (options.strategy().readsScores()) {
            for (int i = 0; i < n; i++) {
                if (Float.isNaN(scores[i])) {
                    throw new WinnowException("score of example at row " + (i + 1) + " is NaN");
                }
            }
        }
        Order order = new Order(table.ids(), options.seed());
        boolean[] kept = new boolean[n];
        if (!options.classBalanced()) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            group(features, all, k, scores, options, order, kept);
        } else {
            ClassPartition p = ClassPartition.of(table.labels());
            int[] quota = Quotas.largestRemainder(k, p.sizes);
            for (int c = 0; c < p.sizes.length; c++) {
                if (quota[c] > 0) {
                    int[] rows = Arrays.copyOfRange(p.members, p.start[c], p.start[c] + p.sizes[c]);
                    group(features, rows, quota[c], scores, options, order, kept);
                }
            }
        }
        long[] ids = new long[k];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                ids[j++] = table.ids()[i];
            }
        }
        if (j != k) {
            throw new IllegalStateException(options.strategy() + " kept " + j + " examples, not k = " + k);
        }
        Arrays.sort(ids);
        return KeepList.adopt(ids, null, new KeepListProvenance.Selected(options, n, List.of(), null));
    }

    private static void group(Features f, int[] rows, int q, float[] scores, SelectOptions o, Order order,
                              boolean[] kept) {
        switch (o.strategy()) {
            case MODERATE -> ModerateSelection.select(f, rows, q, order, kept);
            case KCENTER -> KCenterGreedy.select(f, rows, q, order, kept);
            case D2 -> D2Pruning.select(f, rows, q, scores, o.neighbours(), o.gamma(), order, kept);
            default -> throw new IllegalStateException(o.strategy().toString());
        }
    }

    /** The tie order of every feature strategy over table rows: random key ascending (unsigned), then id. */
    static final class Order {
        private final long[] ids;
        private final long[] keys;

        Order(long[] ids, long seed) {
            this.ids = ids;
            this.keys = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                keys[i] = RandomKey.key(seed, ids[i]);
            }
        }

        /** Negative when row {@code a} goes before row {@code b}. */
        int compare(int a, int b) {
            int c = Long.compareUnsigned(keys[a], keys[b]);
            return c != 0 ? c : Long.compare(ids[a], ids[b]);
        }
    }
}
