package dev.winnow.select;

import dev.winnow.WinnowException;
import dev.winnow.io.ScoreTable;
import dev.winnow.random.RandomKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-worked keep-lists on eight examples (ids 0..7, seed 42). The random keys of seed 42, ascending
 * unsigned, put the ids in the order 4, 2, 0, 1, 7, 5, 3, 6 (checked in {@link #keyOrderOfSeed42}).
 */
class SelectorExamplesTest {
    static final long SEED = 42;
    static final long[] IDS = {0, 1, 2, 3, 4, 5, 6, 7};
    static final int[] ONE_CLASS = new int[8];
    //                                  id: 0     1     2     3     4     5     6     7
    static final float[] SCORES = {0.9f, 0.1f, 0.5f, 0.7f, 0.3f, 0.8f, 0.2f, 0.6f};

    static ScoreTable table(float[] scores, int[] labels) {
        return new ScoreTable(IDS.clone(), labels.clone(), scores.clone());
    }

    static long[] keep(ScoreTable t, SelectOptions o) {
        return Selector.select(t, o).ids();
    }

    static SelectOptions opts(Strategy s, double keep) {
        return SelectOptions.of(s, new Budget.Fraction(keep), SEED);
    }

    @BeforeAll
    static void keyOrderOfSeed42() {
        Long[] byKey = {0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L};
        Arrays.sort(byKey, (a, b) -> Long.compareUnsigned(RandomKey.key(SEED, a), RandomKey.key(SEED, b)));
        assertThat(byKey).containsExactly(4L, 2L, 0L, 1L, 7L, 5L, 3L, 6L);
    }

    @Test
    void hardKeepsTheHighestScores() {
        // keep 0.5 of 8 -> k = 4: scores 0.9 (0), 0.8 (5), 0.7 (3), 0.6 (7)
        assertThat(keep(table(SCORES, ONE_CLASS), opts(Strategy.HARD, 0.5))).containsExactly(0, 3, 5, 7);
    }

    @Test
    void easyKeepsTheLowestScores() {
        // 0.1 (1), 0.2 (6), 0.3 (4), 0.5 (2)
        assertThat(keep(table(SCORES, ONE_CLASS), opts(Strategy.EASY, 0.5))).containsExactly(1, 2, 4, 6);
    }

    @Test
    void windowSkipsTheHardestOffsetThenTakesTheNext() {
        // offset 0.25 -> skip floor(2.0) = 2 (ids 0, 5); keep 0.375 -> k = 3: 0.7 (3), 0.6 (7), 0.5 (2)
        SelectOptions o = opts(Strategy.WINDOW, 0.375).withOffset(0.25);
        assertThat(keep(table(SCORES, ONE_CLASS), o)).containsExactly(2, 3, 7);
    }

    @Test
    void randomKeepsTheSmallestKeys() {
        // k = floor(0.4 * 8) = 3: the first three of the key order 4, 2, 0
        assertThat(keep(table(SCORES, ONE_CLASS), opts(Strategy.RANDOM, 0.4))).containsExactly(0, 2, 4);
    }

    @Test
    void equalScoresBreakByKeyForHardEasyAndWindow() {
        float[] flat = new float[8];
        Arrays.fill(flat, 0.5f);
        ScoreTable t = table(flat, ONE_CLASS);
        assertThat(keep(t, opts(Strategy.HARD, 0.375))).containsExactly(0, 2, 4);
        assertThat(keep(t, opts(Strategy.EASY, 0.375))).containsExactly(0, 2, 4);
        // skip the first two of the key order (4, 2), then 0, 1, 7
        assertThat(keep(t, opts(Strategy.WINDOW, 0.375).withOffset(0.25))).containsExactly(0, 1, 7);
    }

    @Test
    void negativeZeroEqualsZero() {
        // ids 0 and 2 tie at zero (one of them -0.0); key order puts 2 before 0
        float[] s = {-0.0f, -1f, 0.0f, -2f, -3f, -4f, -5f, -6f};
        assertThat(keep(table(s, ONE_CLASS), SelectOptions.of(Strategy.HARD, new Budget.Count(1), SEED)))
                .containsExactly(2);
        float[] s2 = {0.0f, -1f, -0.0f, -2f, -3f, -4f, -5f, -6f};
        assertThat(keep(table(s2, ONE_CLASS), SelectOptions.of(Strategy.HARD, new Budget.Count(1), SEED)))
                .containsExactly(2);
    }

    //                                     id: 0     1      2     3      4     5     6      7
    static final float[] SPREAD = {0.0f, 0.05f, 0.1f, 0.15f, 0.3f, 0.6f, 0.65f, 1.0f};

    @Test
    void stratifiedSpreadsTheBudgetOverBins() {
        // B = 4, lo = 0, hi = 1: bin = floor(4 s) capped at 3 -> bin0 {0,1,2,3}, bin1 {4}, bin2 {5,6}, bin3 {7}.
        // Visit by size: bin1 (1), bin3 (1), bin2 (2), bin0 (4). k = 4:
        // bin1 min(1, 4/4) = 1 -> 4; bin3 min(1, 3/3) = 1 -> 7; bin2 min(2, 2/2) = 1 -> smallest key of {5,6} = 5;
        // bin0 min(4, 1/1) = 1 -> smallest key of {0,1,2,3} = 2.
        SelectOptions o = opts(Strategy.STRATIFIED, 0.5).withBins(4);
        assertThat(keep(table(SPREAD, ONE_CLASS), o)).containsExactly(2, 4, 5, 7);
    }

    @Test
    void stratifiedDropsTheHardestFirstAndEmptyBinsCount() {
        // drop floor(0.125 * 8) = 1: id 7. Now hi = 0.65: bin = floor(s / 0.65 * 4):
        // {0,1,2,3} -> 0, {4} -> 1 (1.85), {} -> 2, {5 (3.69), 6 (4 -> 3)} -> 3.
        // k = 3; visit bin2 (0): min(0, 3/4) = 0; bin1 (1): min(1, 3/3) = 1 -> 4; bin3 (2): min(2, 2/2) = 1 -> 5;
        // bin0 (4): min(4, 1/1) = 1 -> 2.
        SelectOptions o = opts(Strategy.STRATIFIED, 0.375).withBins(4).withDropHardest(0.125);
        assertThat(keep(table(SPREAD, ONE_CLASS), o)).containsExactly(2, 4, 5);
    }

    @Test
    void stratifiedLeftoversGoToTheBinsVisitedLast() {
        // B = 2, lo = 0, hi = 1: bin0 = {0,1,2,3,4} (s < 0.5), bin1 = {5,6,7}. k = 5:
        // bin1 (3) first: min(3, 5/2 = 2) = 2 -> smallest keys of {5,6,7}: 7, 5; bin0: min(5, 3/1) = 3 -> 4, 2, 0.
        SelectOptions o = SelectOptions.of(Strategy.STRATIFIED, new Budget.Count(5), SEED).withBins(2);
        assertThat(keep(table(SPREAD, ONE_CLASS), o)).containsExactly(0, 2, 4, 5, 7);
    }

    @Test
    void stratifiedWithEqualScoresIsRandom() {
        float[] flat = new float[8];
        Arrays.fill(flat, 2f);
        assertThat(keep(table(flat, ONE_CLASS), opts(Strategy.STRATIFIED, 0.375))).containsExactly(0, 2, 4);
    }

    @Test
    void calibratedKeepsAlphaHardestAndWeightsTheRandomRest() {
        // k = 4, alpha 0.5: k_s = 2 hardest (0, 5); k_r = 2 smallest keys among {1,2,3,4,6,7}: 4, 2;
        // weight (8 - 2) / 2 = 3. Weights: 1 + 1 + 3 + 3 = 8 = N.
        KeepList s = Selector.select(table(SCORES, ONE_CLASS), opts(Strategy.CALIBRATED, 0.5).withAlpha(0.5));
        assertThat(s.ids()).containsExactly(0, 2, 4, 5);
        assertThat(s.weights()).containsExactly(1.0, 3.0, 3.0, 1.0);
        assertThat(KeepListWriter.csvText(s)).isEqualTo("id,weight\n0,1\n2,3\n4,3\n5,1\n");
    }

    @Test
    void calibratedWeightsThatAreNotWholeRoundTrip() {
        // k = 3, alpha 0.4: k_s = floor(1.2) = 1 (id 0); k_r = 2: 4, 2; weight (8 - 1) / 2 = 3.5
        KeepList s = Selector.select(table(SCORES, ONE_CLASS), opts(Strategy.CALIBRATED, 0.375).withAlpha(0.4));
        assertThat(KeepListWriter.csvText(s)).isEqualTo("id,weight\n0,1\n2,3.5\n4,3.5\n");
        // alpha 0: k = 3 random from 8, weight 8/3
        KeepList r = Selector.select(table(SCORES, ONE_CLASS), opts(Strategy.CALIBRATED, 0.375).withAlpha(0));
        assertThat(r.ids()).containsExactly(0, 2, 4);
        assertThat(KeepListWriter.csvText(r)).isEqualTo(
                "id,weight\n0,2.6666666666666665\n2,2.6666666666666665\n4,2.6666666666666665\n");
        assertThat(Double.parseDouble("2.6666666666666665")).isEqualTo(8.0 / 3.0);
    }

    //                                       id: 0  1  2  3  4  5  6  7
    static final int[] TWO_CLASSES = {0, 0, 0, 0, 0, 1, 1, 1};

    @Test
    void classBalancedQuotasByLargestRemainder() {
        // k = 4, sizes 5 and 3: 20/8 = 2 r 4, 12/8 = 1 r 4; the leftover goes to the tie's smaller label 0 -> 3 and 1.
        // class 0 {0:.9, 1:.1, 2:.5, 3:.7, 4:.3} hardest 3: 0, 3, 2; class 1 {5:.8, 6:.2, 7:.6} hardest 1: 5.
        SelectOptions o = opts(Strategy.HARD, 0.5).withClassBalanced(true);
        assertThat(keep(table(SCORES, TWO_CLASSES), o)).containsExactly(0, 2, 3, 5);
    }

    @Test
    void classBalancedOffsetsUseTheClassSize() {
        // quotas 3 and 1 as above; offset 0.25: class 0 skips floor(1.25) = 1 (id 0) -> 3, 2, 4;
        // class 1 skips floor(0.75) = 0 -> 5.
        SelectOptions o = opts(Strategy.WINDOW, 0.5).withOffset(0.25).withClassBalanced(true);
        assertThat(keep(table(SCORES, TWO_CLASSES), o)).containsExactly(2, 3, 4, 5);
    }

    @Test
    void classBalancedDropsAndOffsetsAreClampedToLeaveTheQuota() {
        // keep 0.5 -> k = 4, quotas 3 and 1 (sizes 5 and 3). beta = 0.6: globally floor(4.8) = 4, 4 + 4 <= 8 fits.
        // class 0: floor(0.6 * 5) = 3 would leave 2 < 3, so it drops min(3, 5 - 3) = 2 (ids 0, 3) and keeps the
        // rest {1, 2, 4}. class 1: drops min(floor(1.8), 3 - 1) = 1 (id 5); rest {6: .2, 7: .6}, B = 4:
        // bin0 {6}, bin3 {7}; visit bins 1, 2 (empty), bin0: min(1, 1/2) = 0, bin3: min(1, 1/1) = 1 -> 7.
        SelectOptions strat = opts(Strategy.STRATIFIED, 0.5).withBins(4).withDropHardest(0.6).withClassBalanced(true);
        assertThat(keep(table(SCORES, TWO_CLASSES), strat)).containsExactly(1, 2, 4, 7);
        // window offset 0.6: class 0 skips min(3, 2) = 2 (0, 3) -> 2, 4, 1; class 1 skips min(1, 2) = 1 (5) -> 7.
        SelectOptions win = opts(Strategy.WINDOW, 0.5).withOffset(0.6).withClassBalanced(true);
        assertThat(keep(table(SCORES, TWO_CLASSES), win)).containsExactly(1, 2, 4, 7);
    }

    @Test
    void classBalancedCalibratedWeightsPerClass() {
        // quotas 3 and 1, alpha 0.5. class 0: k_s = 1 (id 0), k_r = 2 from {1,2,3,4} by key: 4, 2; weight (5-1)/2 = 2.
        // class 1: k_s = 0, k_r = 1 from {5,6,7}: 7; weight 3/1 = 3. Sum 1 + 2 + 2 + 3 = 8.
        KeepList s = Selector.select(table(SCORES, TWO_CLASSES),
                opts(Strategy.CALIBRATED, 0.5).withClassBalanced(true));
        assertThat(KeepListWriter.csvText(s)).isEqualTo("id,weight\n0,1\n2,2\n4,2\n7,3\n");
    }

    @Test
    void idsOutOfOrderComeOutSorted() {
        ScoreTable t = new ScoreTable(new long[] {70, 10, 50, 30}, new int[4], new float[] {4f, 3f, 2f, 1f});
        assertThat(Selector.select(t, SelectOptions.of(Strategy.HARD, new Budget.Count(3), SEED)).ids())
                .containsExactly(10, 50, 70);
    }

    @Test
    void budgetRules() {
        assertThat(new Budget.Fraction(0.3).resolve(10)).isEqualTo(3);
        assertThat(new Budget.Fraction(0.01).resolve(10)).isEqualTo(1);
        assertThat(new Budget.Fraction(1.0).resolve(10)).isEqualTo(10);
        // the product is an IEEE double: 0.29 * 100 = 28.999999999999996 -> 28
        assertThat(new Budget.Fraction(0.29).resolve(100)).isEqualTo(28);
        assertThat(new Budget.Count(10).resolve(10)).isEqualTo(10);
    }

    @Test
    void badBudgetsAndParametersFailClearly() {
        assertThatThrownBy(() -> new Budget.Fraction(0)).hasMessage("--keep must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> new Budget.Fraction(1.5)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new Budget.Fraction(Double.NaN)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new Budget.Count(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new Budget.Count(9).resolve(8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--keep-count 9 exceeds the 8 examples");
        assertThatThrownBy(() -> Strategy.parse("hardest"))
                .hasMessage("unknown strategy 'hardest' (choose one of hard, easy, window, random, stratified, calibrated, moderate, kcenter, d2)");
        assertThatThrownBy(() -> opts(Strategy.WINDOW, 0.5).withOffset(1.0)).hasMessageContaining("--offset");
        assertThatThrownBy(() -> opts(Strategy.STRATIFIED, 0.5).withBins(0)).hasMessageContaining("--bins");
        assertThatThrownBy(() -> opts(Strategy.CALIBRATED, 0.5).withAlpha(1.0)).hasMessageContaining("--alpha");
        assertThatThrownBy(() -> opts(Strategy.STRATIFIED, 0.5).withDropHardest(-0.1))
                .hasMessageContaining("--drop-hardest");
        ScoreTable t = table(SCORES, ONE_CLASS);
        assertThatThrownBy(() -> Selector.select(t, opts(Strategy.WINDOW, 0.5).withOffset(0.7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window: --offset skips 5 and k = 4 more are kept, but there are only 8 examples");
        assertThatThrownBy(() -> Selector.select(t, opts(Strategy.STRATIFIED, 0.5).withDropHardest(0.7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--drop-hardest drops 5");
    }

    @Test
    void unusableScoresFailAsDataErrors() {
        float[] s = SCORES.clone();
        s[3] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> Selector.select(table(s, ONE_CLASS), opts(Strategy.STRATIFIED, 0.5)))
                .isInstanceOf(WinnowException.class).hasMessageContaining("finite");
        assertThat(keep(table(s, ONE_CLASS), opts(Strategy.HARD, 0.125))).containsExactly(3);
        s[3] = Float.NaN;
        assertThatThrownBy(() -> Selector.select(table(s, ONE_CLASS), opts(Strategy.HARD, 0.5)))
                .isInstanceOf(WinnowException.class).hasMessageContaining("NaN");
    }

    @Test
    void weightsFormatExactlyAndRoundTrip() {
        assertThat(KeepList.formatWeight(1.0)).isEqualTo("1");
        assertThat(KeepList.formatWeight(3.0)).isEqualTo("3");
        assertThat(KeepList.formatWeight(2.5)).isEqualTo("2.5");
        assertThat(KeepList.formatWeight(22.0 / 3.0)).isEqualTo("7.3333333333333330".replaceAll("0+$", ""));
        assertThat(KeepList.formatWeight(1e9 / 3.0)).isEqualTo("333333333.33333331");
        assertThat(Double.parseDouble(KeepList.formatWeight(1e9 / 3.0))).isEqualTo(1e9 / 3.0);
    }
}
