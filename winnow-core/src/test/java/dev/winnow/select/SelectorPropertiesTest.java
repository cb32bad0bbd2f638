package dev.winnow.select;

import dev.winnow.io.ScoreTable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SelectorPropertiesTest {
    /** A random table: ids shuffled and sparse, labels in [0, classes), scores from a small pool (ties) or wide. */
    static ScoreTable randomTable(long seed, int n, int classes, boolean coarse) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] ids = new long[n];
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            long id;
            do {
                id = r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(10 * n + 10);
            } while (!seen.add(id));
            ids[i] = id;
        }
        int[] labels = new int[n];
        float[] scores = new float[n];
        float[] pool = {-0.0f, 0.0f, 1f, -1f, 0.25f, 3.5f, 1e-30f, -2e5f};
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(classes) * 3;
            scores[i] = coarse ? pool[r.nextInt(pool.length)] : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(5)));
        }
        return new ScoreTable(ids, labels, scores);
    }

    @Provide
    Arbitrary<SelectOptions> options() {
        // the score strategies (the feature strategies have their own tests: FeatureSelectorTest)
        Arbitrary<Strategy> strategy = Arbitraries.of(Strategy.class).filter(s -> !s.readsFeatures());
        Arbitrary<Double> keep = Arbitraries.doubles().between(0.001, 1.0).ofScale(4);
        Arbitrary<Boolean> balanced = Arbitraries.of(true, false);
        Arbitrary<Double> offset = Arbitraries.of(0.0, 0.05, 0.1, 0.3, 0.5);
        Arbitrary<Integer> bins = Arbitraries.of(1, 2, 3, 7, 50);
        Arbitrary<Double> drop = Arbitraries.of(0.0, 0.02, 0.1, 0.3);
        Arbitrary<Double> alpha = Arbitraries.of(0.0, 0.25, 0.5, 0.9);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(strategy, keep, balanced, offset, bins, drop, alpha, seed)
                .as((s, k, b, o, bn, d, a, sd) -> {
                    // keep the budget within what the offset / drop leave
                    double room = s == Strategy.WINDOW ? 1 - o : s == Strategy.STRATIFIED ? 1 - d : 1;
                    return new SelectOptions(s, new Budget.Fraction(Math.max(0.001, k * room)), b, o, bn, d, a, sd);
                });
    }

    /** A kept fraction from 1/1000 to 1, in steps of 1/1000. */
    @Provide
    Arbitrary<Budget.Fraction> keep() {
        return Arbitraries.integers().between(1, 1000).map(permille -> new Budget.Fraction(permille / 1000.0));
    }

    private static boolean fits(SelectOptions o, int n) {
        try {
            o.resolve(n);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Property(tries = 400)
    void agreesWithTheLiteralReference(@ForAll("options") SelectOptions o, @ForAll @IntRange(min = 1, max = 80) int n,
                                       @ForAll @IntRange(min = 1, max = 5) int classes, @ForAll boolean coarse,
                                       @ForAll long dataSeed) {
        ScoreTable t = randomTable(dataSeed, n, classes, coarse);
        if (!fits(o, n)) {
            return;
        }
        KeepList s = Selector.select(t, o);
        TreeMap<Long, Double> expected = ReferenceSelector.select(t, o);
        TreeMap<Long, Double> actual = new TreeMap<>();
        for (int i = 0; i < s.size(); i++) {
            actual.put(s.id(i), s.weight(i));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 300)
    void keepsExactlyKUniqueIdsFromTheInput(@ForAll("options") SelectOptions o,
                                            @ForAll @IntRange(min = 1, max = 300) int n,
                                            @ForAll @IntRange(min = 1, max = 6) int classes,
                                            @ForAll boolean coarse, @ForAll long dataSeed) {
        ScoreTable t = randomTable(dataSeed, n, classes, coarse);
        if (!fits(o, n)) {
            return;
        }
        KeepList s = Selector.select(t, o);
        assertThat(s.size()).isEqualTo(o.resolve(n));
        Set<Long> input = new HashSet<>();
        for (long id : t.ids()) {
            input.add(id);
        }
        Set<Long> kept = new HashSet<>();
        for (long id : s.ids()) {
            assertThat(input).contains(id);
            assertThat(kept.add(id)).isTrue();
        }
    }

    @Property(tries = 200)
    void classBalancedQuotasAreWithinOneOfProportional(@ForAll("options") SelectOptions o,
                                                       @ForAll @IntRange(min = 1, max = 300) int n,
                                                       @ForAll @IntRange(min = 1, max = 6) int classes,
                                                       @ForAll long dataSeed) {
        ScoreTable t = randomTable(dataSeed, n, classes, false);
        SelectOptions ob = o.withClassBalanced(true);
        if (!fits(ob, n)) {
            return;
        }
        int k = ob.resolve(n);
        KeepList s = Selector.select(t, ob);
        Map<Integer, Integer> size = new TreeMap<>();
        Map<Integer, Integer> kept = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            size.merge(t.labels()[i], 1, Integer::sum);
            if (s.contains(t.ids()[i])) {
                kept.merge(t.labels()[i], 1, Integer::sum);
            }
        }
        int sum = 0;
        for (Map.Entry<Integer, Integer> e : size.entrySet()) {
            double proportional = (double) k * e.getValue() / n;
            int q = kept.getOrDefault(e.getKey(), 0);
            assertThat(q).isBetween((int) Math.floor(proportional), (int) Math.ceil(proportional));
            sum += q;
        }
        assertThat(sum).isEqualTo(k);
    }

    @Property(tries = 200)
    void stratifiedGivesEveryNonEmptyBinItsShare(@ForAll @IntRange(min = 1, max = 400) int n,
                                                @ForAll @IntRange(min = 1, max = 60) int bins,
                                                @ForAll("keep") Budget.Fraction keep,
                                                @ForAll boolean coarse, @ForAll long seed) {
        ScoreTable t = randomTable(seed, n, 1, coarse);
        SelectOptions o = SelectOptions.of(Strategy.STRATIFIED, keep, seed).withBins(bins);
        int k = o.resolve(n);
        KeepList s = Selector.select(t, o);
        assertThat(s.size()).isEqualTo(k);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : t.scores()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        int[] size = new int[bins];
        int[] kept = new int[bins];
        for (int i = 0; i < n; i++) {
            int b = Selector.binOf(t.scores()[i], lo, hi, bins);
            size[b]++;
            if (s.contains(t.ids()[i])) {
                kept[b]++;
            }
        }
        for (int b = 0; b < bins; b++) {
            assertThat(kept[b]).isGreaterThanOrEqualTo(Math.min(size[b], k / bins));
        }
    }

    @Property(tries = 200)
    void allocationSpendsTheWholeBudgetWhenThereIsEnough(@ForAll @IntRange(min = 1, max = 40) int bins,
                                                         @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] size = new int[bins];
        int total = 0;
        for (int b = 0; b < bins; b++) {
            size[b] = r.nextInt(4) == 0 ? 0 : r.nextInt(1 + r.nextInt(100));
            total += size[b];
        }
        int budget = r.nextInt(total + 1);
        int[] take = Selector.allocate(size, budget);
        for (int b = 0; b < bins; b++) {
            assertThat(take[b]).isBetween(0, size[b]);
        }
        assertThat(IntStream.of(take).sum()).isEqualTo(budget);
    }

    @Property(tries = 200)
    void calibratedWeightsSumToN(@ForAll @IntRange(min = 1, max = 500) int n,
                                 @ForAll("keep") Budget.Fraction keep,
                                 @ForAll @IntRange(min = 0, max = 99) int alphaPercent,
                                 @ForAll boolean balanced, @ForAll long seed) {
        ScoreTable t = randomTable(seed, n, 4, false);
        SelectOptions o = SelectOptions.of(Strategy.CALIBRATED, keep, seed)
                .withAlpha(alphaPercent / 100.0).withClassBalanced(balanced);
        KeepList s = Selector.select(t, o);
        if (balanced) {
            // a class whose quota is 0 contributes no weight; every class with a quota sums to its size
            Map<Integer, Integer> size = new TreeMap<>();
            Map<Integer, Double> wsum = new TreeMap<>();
            long[] keptIds = s.ids();
            for (int i = 0; i < n; i++) {
                size.merge(t.labels()[i], 1, Integer::sum);
                int at = java.util.Arrays.binarySearch(keptIds, t.ids()[i]);
                if (at >= 0) {
                    wsum.merge(t.labels()[i], s.weight(at), Double::sum);
                }
            }
            wsum.forEach((c, w) -> assertThat(w).isCloseTo(size.get(c), within(1e-9 * n)));
        } else {
            assertThat(s.weightSum()).isCloseTo(n, within(1e-9 * n));
        }
    }

    @Property(tries = 100)
    void sameSeedSameBytes(@ForAll("options") SelectOptions o, @ForAll @IntRange(min = 1, max = 200) int n,
                           @ForAll long dataSeed) {
        ScoreTable t = randomTable(dataSeed, n, 3, true);
        if (!fits(o, n)) {
            return;
        }
        String a = KeepListWriter.csvText(Selector.select(t, o));
        // the same rows in another order give the same keep-list
        int[] perm = new SplittableRandom(dataSeed).ints(n, 0, Integer.MAX_VALUE).toArray();
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (x, y) -> Integer.compare(perm[x], perm[y]));
        long[] ids = new long[n];
        int[] labels = new int[n];
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            ids[i] = t.ids()[idx[i]];
            labels[i] = t.labels()[idx[i]];
            scores[i] = t.scores()[idx[i]];
        }
        String b = KeepListWriter.csvText(Selector.select(new ScoreTable(ids, labels, scores), o));
        assertThat(b).isEqualTo(a);
        assertThat(KeepListWriter.csvText(Selector.select(t, o))).isEqualTo(a);
    }

    @Property(tries = 50)
    void differentSeedsPickDifferentRandomSets(@ForAll long seed) {
        ScoreTable t = randomTable(7, 1000, 1, false);
        KeepList a = Selector.select(t, SelectOptions.of(Strategy.RANDOM, new Budget.Fraction(0.1), seed));
        KeepList b = Selector.select(t, SelectOptions.of(Strategy.RANDOM, new Budget.Fraction(0.1), seed + 1));
        // two independent 100-of-1000 draws share about 10 ids; all 100 shared has probability ~ 1e-139
        Set<Long> common = new HashSet<>();
        for (long id : a.ids()) {
            if (b.contains(id)) {
                common.add(id);
            }
        }
        assertThat(common.size()).isLessThan(60);
    }
}
