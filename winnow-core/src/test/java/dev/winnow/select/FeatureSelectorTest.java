package dev.winnow.select;

import dev.winnow.WinnowException;
import dev.winnow.io.ScoreTable;
import dev.winnow.random.RandomKey;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Feature strategies on hand-worked cases (ids 0..7, seed 42, whose random keys order the ids 4, 2, 0, 1, 7, 5, 3,
 * 6: {@link SelectorExamplesTest#keyOrderOfSeed42}), k-center against the plain greedy algorithm on random data,
 * and the refusals.
 */
class FeatureSelectorTest {
    static final long SEED = 42;

    /** One-dimensional features. */
    static Features line(double... x) {
        float[] v = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = (float) x[i];
        }
        return new Features(v, x.length, 1, "test");
    }

    static ScoreTable table(int n, int[] labels, float[] scores) {
        long[] ids = new long[n];
        Arrays.setAll(ids, i -> i);
        return new ScoreTable(ids, labels == null ? new int[n] : labels, scores == null ? new float[n] : scores);
    }

    static long[] select(ScoreTable t, Features f, SelectOptions o) {
        return FeatureSelector.select(t, f, o).ids();
    }

    static SelectOptions kcenter(int k) {
        return SelectOptions.of(Strategy.KCENTER, new Budget.Count(k), SEED);
    }

    @Test
    void kcenterStartsAtTheSmallestKeyThenTakesTheFarthest() {
        //            id:  0  1  2   3   4   5   6   7
        Features f = line(0, 1, 2, 10, 11, 20, 30, 31);
        ScoreTable t = table(8, null, null);
        // first centre: id 4 (x = 11, smallest key); farthest from it: id 7 (31, d = 20)
        assertThat(select(t, f, kcenter(1))).containsExactly(4);
        assertThat(select(t, f, kcenter(2))).containsExactly(4, 7);
        // nearest-centre distances now 11, 10, 9, 1, -, 9, 1, -: id 0
        assertThat(select(t, f, kcenter(3))).containsExactly(0, 4, 7);
        // then 1, 2, 1, -, 9, 1: id 5 (x = 20); then 1, 2, 1, 1: id 2
        assertThat(select(t, f, kcenter(4))).containsExactly(0, 4, 5, 7);
        assertThat(select(t, f, kcenter(5))).containsExactly(0, 2, 4, 5, 7);
        // ids 1, 3, 6 all at distance 1: the smallest key among them is id 1's
        assertThat(select(t, f, kcenter(6))).containsExactly(0, 1, 2, 4, 5, 7);
        assertThat(select(t, f, kcenter(8))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void kcenterEqualsThePlainGreedyAlgorithm() {
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 40; round++) {
            int n = 1 + r.nextInt(300);
            int dim = 1 + r.nextInt(round % 2 == 0 ? 3 : 40);
            float[] v = new float[n * dim];
            int distinct = 1 + r.nextInt(n); // rows repeat: ties and zero radii
            float[] pool = new float[distinct * dim];
            double spread = round % 3 == 0 ? 1e-3 : 1.0;
            for (int i = 0; i < pool.length; i++) {
                pool[i] = (float) ((r.nextInt(5) * 10 + r.nextDouble()) * spread);
            }
            for (int i = 0; i < n; i++) {
                System.arraycopy(pool, r.nextInt(distinct) * dim, v, i * dim, dim);
            }
            Features f = new Features(v, n, dim, "random");
            long seed = r.nextLong();
            int[] labels = new int[n];
            Arrays.setAll(labels, i -> r.nextInt(3));
            ScoreTable t = table(n, labels, null);
            int k = 1 + r.nextInt(n);
            SelectOptions o = SelectOptions.of(Strategy.KCENTER, new Budget.Count(k), seed);
            long[] got = select(t, f, o);
            assertThat(got).as("round %d", round).containsExactly(plainKCenter(f, t.ids(), k, seed));
            assertThat(got).doesNotHaveDuplicates().hasSize(k);
            assertThat(select(t, f, o)).containsExactly(got);
            // class-balanced: per class, each with its quota
            long[] balanced = select(t, f, o.withClassBalanced(true));
            assertThat(balanced).hasSize(k).doesNotHaveDuplicates();
        }
    }

    @Test
    void kcenterEqualsThePlainGreedyAlgorithmWhereItScansInParallel() {
        // enough centres that a window holds more than KCenterGreedy.PARALLEL_WINDOW of them
        SplittableRandom r = new SplittableRandom(11);
        int n = 4000;
        int dim = 3;
        float[] v = new float[n * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        Features f = new Features(v, n, dim, "random");
        ScoreTable t = table(n, null, null);
        for (int k : new int[] {1500, 3000}) {
            long[] got = select(t, f, SelectOptions.of(Strategy.KCENTER, new Budget.Count(k), 5));
            assertThat(got).as("k=%d", k).containsExactly(plainKCenter(f, t.ids(), k, 5));
        }
    }

    /** The textbook algorithm: every example's distance to every new centre. */
    static long[] plainKCenter(Features f, long[] ids, int k, long seed) {
        int n = f.size();
        boolean[] centre = new boolean[n];
        double[] mind = new double[n];
        Arrays.fill(mind, Double.POSITIVE_INFINITY);
        int c = 0;
        for (int i = 1; i < n; i++) {
            if (Long.compareUnsigned(RandomKey.key(seed, ids[i]), RandomKey.key(seed, ids[c])) < 0) {
                c = i;
            }
        }
        for (int t = 0; t < k; t++) {
            centre[c] = true;
            for (int i = 0; i < n; i++) {
                mind[i] = Math.min(mind[i], f.distance2(i, c));
            }
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!centre[i] && (best < 0 || mind[i] > mind[best] || (mind[i] == mind[best]
                        && Long.compareUnsigned(RandomKey.key(seed, ids[i]), RandomKey.key(seed, ids[best])) < 0))) {
                    best = i;
                }
            }
            c = best;
        }
        return Arrays.stream(ids).filter(id -> centre[(int) id]).toArray();
    }

    @Test
    void moderateKeepsTheMiddleOfEachClassByDistanceToItsMedian() {
        // class 0 = ids 0..4 at 0, 1, 2, 3, 100: median 2, d² 4, 1, 0, 1, 9604 -> by d²: 2, {1, 3 by key: 1, 3}, 0, 4
        // class 1 = ids 5..7 at 5, 6, 50: median 6, d² 1, 0, 1936 -> 6, 5, 7
        Features f = line(0, 1, 2, 3, 100, 5, 6, 50);
        ScoreTable t = table(8, new int[] {0, 0, 0, 0, 0, 1, 1, 1}, null);
        // k = 4: quotas 5·4/8 = 2 r 4 and 3·4/8 = 1 r 4, the leftover to class 0 -> 3 and 1
        // class 0 from rank (5 - 3)/2 = 1: ids 1, 3, 0; class 1 from rank (3 - 1)/2 = 1: id 5
        SelectOptions o = SelectOptions.of(Strategy.MODERATE, new Budget.Fraction(0.5), SEED);
        assertThat(o.classBalanced()).isTrue();
        assertThat(select(t, f, o)).containsExactly(0, 1, 3, 5);
        // asked not class-balanced, it still runs per class
        assertThat(select(t, f, o.withClassBalanced(false))).containsExactly(0, 1, 3, 5);
        // k = 2: quotas 1 and 1: class 0 rank 2 = id 3, class 1 rank 1 = id 5
        assertThat(select(t, f, o.withClassBalanced(false).withFeatureRun(0)
                .withClassBalanced(true))).containsExactly(0, 1, 3, 5);
        SelectOptions two = SelectOptions.of(Strategy.MODERATE, new Budget.Count(2), SEED);
        assertThat(select(t, f, two)).containsExactly(3, 5);
    }

    @Test
    void moderateMedianOfAnEvenClassIsTheMeanOfTheMiddleTwo() {
        Features f = new Features(new float[] {0, 10, 1, 20, 3, 30, 9, 40}, 4, 2, "test");
        assertThat(ModerateSelection.median(f, new int[] {0, 1, 2, 3})).containsExactly(2.0, 25.0);
        assertThat(ModerateSelection.median(f, new int[] {0, 1, 3})).containsExactly(1.0, 20.0);
    }

    static SelectOptions d2(int k, int neighbours, double gamma) {
        return SelectOptions.of(Strategy.D2, new Budget.Count(k), SEED).withNeighbours(neighbours).withGamma(gamma);
    }

    @Test
    void d2PassesDifficultyToNeighboursAndDampsThemAfterAPick() {
        // x = 0, 1, 10, 11; scores 1, 0.9, 0.5, 0.25 -> scaled s = 1, 0.8667, 0.3333, 0; one neighbour each, all
        // edges of length 1 (δ = 1), w = exp(-γ)
        float[] scores = {1f, 0.9f, 0.5f, 0.25f};
        ScoreTable t = table(4, null, scores);
        Features f = line(0, 1, 10, 11);
        // γ = 0.1, w = 0.9048: g = 1.7842, 1.7715, 0.3333, 0.3016; id 0 first, then id 1 drops to
        // 1.7715 - 0.9048 · 1.7842 = 0.1571 < 0.3333: id 2
        assertThat(select(t, f, d2(2, 1, 0.1))).containsExactly(0, 2);
        // γ = 1, w = 0.3679: g = 1.3188, 1.2345, 0.3333, 0.1226; id 1 drops to 0.7494, still above 0.3333
        assertThat(select(t, f, d2(2, 1, 1.0))).containsExactly(0, 1);
        // what hard keeps
        assertThat(Selector.select(t, SelectOptions.of(Strategy.HARD, new Budget.Count(2), SEED)).ids())
                .containsExactly(0, 1);
        // distances count in units of the median edge: scaling the features changes nothing
        assertThat(select(t, line(0, 1000, 10000, 11000), d2(2, 1, 0.1))).containsExactly(0, 2);
    }

    @Test
    void d2HelpersScaleScoresAndTakeTheMedianEdge() {
        assertThat(D2Pruning.scaled(new float[] {2f, 4f, 3f}, new int[] {0, 1, 2})).containsExactly(0.0, 1.0, 0.5);
        assertThat(D2Pruning.scaled(new float[] {5f, 5f}, new int[] {0, 1})).containsExactly(1.0, 1.0);
        assertThat(D2Pruning.medianPositive(new double[] {0, 3, 1, 2})).isEqualTo(2.0);
        assertThat(D2Pruning.medianPositive(new double[] {4, 0, 1, 2, 3})).isEqualTo(2.5);
        assertThat(D2Pruning.medianPositive(new double[] {0, 0})).isEqualTo(1.0);
    }

    @Test
    void everyFeatureStrategyCopesWithAOneExampleClass() {
        Features f = line(0, 1, 2, 3, 4, 5, 6, 50);
        int[] labels = {0, 0, 0, 0, 1, 1, 1, 2}; // class 2 has one example
        ScoreTable t = table(8, labels, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        for (Strategy s : new Strategy[] {Strategy.MODERATE, Strategy.KCENTER, Strategy.D2}) {
            for (int k = 1; k <= 8; k++) {
                SelectOptions o = SelectOptions.of(s, new Budget.Count(k), SEED).withClassBalanced(true);
                long[] got = select(t, f, o);
                assertThat(got).as("%s k=%d", s, k).hasSize(k).doesNotHaveDuplicates();
                int[] quota = Quotas.largestRemainder(k, new int[] {4, 3, 1});
                int[] per = new int[3];
                for (long id : got) {
                    per[labels[(int) id]]++;
                }
                assertThat(per).as("%s k=%d", s, k).containsExactly(quota);
            }
        }
    }

    @Test
    void refusesWhatItCannotSelectOn() {
        ScoreTable t = table(3, null, null);
        float[] nan = {0, 1, Float.NaN, 2, 3, 4};
        assertThatThrownBy(() -> new Features(nan, 3, 2, "x/features.npy (run 0)"))
                .isInstanceOf(WinnowException.class)
                .hasMessage("x/features.npy (run 0): the features of the example at row 2 hold NaN (coordinate 0); "
                        + "selection needs finite features");
        assertThatThrownBy(() -> FeatureSelector.select(t, line(1, 2), kcenter(1)))
                .isInstanceOf(WinnowException.class).hasMessageContaining("features of 2 examples, but 3");
        assertThatThrownBy(() -> FeatureSelector.select(t, line(1, 2, 3), kcenter(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds the 3 examples");
        assertThatThrownBy(() -> Selector.select(t, kcenter(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("kcenter selects on features");
        ScoreTable nanScore = table(3, null, new float[] {1, Float.NaN, 2});
        assertThatThrownBy(() -> FeatureSelector.select(nanScore, line(1, 2, 3), d2(1, 1, 1)))
                .isInstanceOf(WinnowException.class).hasMessage("score of example at row 2 is NaN");
        // kcenter reads no score: NaN scores do not matter
        assertThat(select(nanScore, line(1, 2, 3), kcenter(2))).hasSize(2);
    }

    @Test
    void otherStrategiesGoToTheScoreSelector() {
        ScoreTable t = table(4, null, new float[] {4, 3, 2, 1});
        SelectOptions hard = SelectOptions.of(Strategy.HARD, new Budget.Count(2), SEED);
        assertThat(FeatureSelector.select(t, line(0, 0, 0, 0), hard)).isEqualTo(Selector.select(t, hard));
    }
}
