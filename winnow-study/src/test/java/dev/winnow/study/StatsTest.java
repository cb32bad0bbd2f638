package dev.winnow.study;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsTest {
    @Test
    void ranksAverageTies() {
        assertThat(Stats.ranks(new float[] {10, 20, 20, 30})).containsExactly(1, 2.5, 2.5, 4);
        assertThat(Stats.ranks(new float[] {3, 1, 2})).containsExactly(3, 1, 2);
    }

    @Test
    void aurocByHandWithATieBetweenAPositiveAndANegative() {
        // ascending ranks: 0.1→1, 0.3→2, 0.8,0.8→3.5 each, 0.9→5; positives 0.9 and one 0.8: R+ = 8.5
        // U = 8.5 − 2·3/2 = 5.5 over 2·3 pairs. By pairs: 0.9 beats all 3 negatives; 0.8 beats 0.3 and 0.1
        // and ties the negative 0.8 (½): 3 + 2.5 = 5.5.
        float[] s = {0.9f, 0.8f, 0.8f, 0.3f, 0.1f};
        boolean[] pos = {true, false, true, false, false};
        assertThat(Stats.auroc(s, pos)).isCloseTo(5.5 / 6, within(1e-12));
    }

    @Test
    void aurocExtremes() {
        float[] s = {4, 3, 2, 1};
        assertThat(Stats.auroc(s, new boolean[] {true, true, false, false})).isEqualTo(1.0);
        assertThat(Stats.auroc(s, new boolean[] {false, false, true, true})).isEqualTo(0.0);
        assertThat(Stats.auroc(new float[] {1, 1, 1, 1}, new boolean[] {true, false, true, false})).isEqualTo(0.5);
        assertThat(Stats.auroc(s, new boolean[] {false, false, false, false})).isNaN();
    }

    @Test
    void spearmanByHandWithTies() {
        // ranks a = 1..5; ranks b = [1, 2, 3.5, 5, 3.5]; dx = [−2,−1,0,1,2], dy = [−2,−1,.5,2,.5]
        // Σdxdy = 8, Σdx² = 10, Σdy² = 9.5 → ρ = 8/√95
        float[] a = {1, 2, 3, 4, 5};
        float[] b = {5, 6, 7, 8, 7};
        assertThat(Stats.spearman(a, b)).isCloseTo(8 / Math.sqrt(95), within(1e-12));
        assertThat(Stats.spearman(a, new float[] {50, 40, 30, 20, 10})).isCloseTo(-1, within(1e-12));
        assertThat(Stats.spearman(a, new float[] {1, 4, 9, 16, 25})).isCloseTo(1, within(1e-12));
        assertThat(Stats.spearman(a, new float[] {7, 7, 7, 7, 7})).isNaN();
    }

    @Test
    void precisionAtCountsATieAtTheCutInExpectation() {
        // top 2 of [0.9 (+), 0.8 (−), 0.8 (+), 0.3 (−)]: 0.9 is a hit; one place left for the two 0.8s,
        // one of which is positive → ½ a hit. (1 + ½) / 2
        float[] s = {0.9f, 0.8f, 0.8f, 0.3f};
        boolean[] pos = {true, false, true, false};
        assertThat(Stats.precisionAt(s, pos, 2)).isEqualTo(0.75);
        assertThat(Stats.precisionAt(s, pos, 1)).isEqualTo(1.0);
        assertThat(Stats.precisionAt(s, pos, 4)).isEqualTo(0.5);
    }

    @Test
    void meanAndSampleStd() {
        assertThat(Stats.mean(new double[] {1, 2, 3, 6})).isEqualTo(3);
        // deviations −2, −1, 0, 3: Σ² = 14, /(4−1)
        assertThat(Stats.std(new double[] {1, 2, 3, 6})).isCloseTo(Math.sqrt(14 / 3.0), within(1e-12));
        assertThat(Stats.std(new double[] {5})).isZero();
    }
}
