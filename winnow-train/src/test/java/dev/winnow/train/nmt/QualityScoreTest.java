package dev.winnow.train.nmt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QualityScoreTest {
    @Test
    void diceAdequacyAndLengthTermWorkedByHand() {
        // pairs (ids): [4] → [4]; [4, 5] → [4, 5]; [5] → [6]
        // c_s: 4→2, 5→2; c_t: 4→2, 5→1, 6→1; joint: (4,4)=2, (4,5)=1, (5,4)=1, (5,5)=1, (5,6)=1
        // pair 0: t=4: dice(4,4)=2·2/(2+2)=1 → adequacy 1
        // pair 1: t=4: max(dice(4,4)=1, dice(5,4)=2/4) = 1; t=5: max(dice(4,5)=2/3, dice(5,5)=2/3) → (1 + 2/3)/2
        // pair 2: t=6: dice(5,6) = 2/3
        // log length ratios all 0 → z = 0
        ParallelText.Split s = new ParallelText.Split(new String[3], new String[3],
                new int[][] {{4}, {4, 5}, {5}}, new int[][] {{4}, {4, 5}, {6}}, 0, 0);
        QualityScore.Values v = QualityScore.of(s);
        assertEquals(1.0, v.adequacy()[0], 1e-12);
        assertEquals((1 + 2.0 / 3) / 2, v.adequacy()[1], 1e-12);
        assertEquals(2.0 / 3, v.adequacy()[2], 1e-12);
        assertEquals(0.0, v.lengthZ()[1], 1e-12);
        assertEquals(v.adequacy()[2], v.quality()[2], 1e-12);
    }

    @Test
    void implausibleLengthRatioLowersQuality() {
        // ratios log(1/1), log(1/1), log(4/1): mean m = log4/3, population sd over the three
        ParallelText.Split s = new ParallelText.Split(new String[3], new String[3],
                new int[][] {{4}, {4}, {4}}, new int[][] {{5}, {5}, {5, 5, 5, 5}}, 0, 0);
        QualityScore.Values v = QualityScore.of(s);
        double m = Math.log(4) / 3;
        double sd = Math.sqrt((2 * m * m + (Math.log(4) - m) * (Math.log(4) - m)) / 3);
        assertEquals((Math.log(4) - m) / sd, v.lengthZ()[2], 1e-12);
        assertEquals(v.adequacy()[2] - QualityScore.LENGTH_WEIGHT * Math.abs(v.lengthZ()[2]), v.quality()[2], 1e-12);
        assertEquals(1.0, v.adequacy()[2], 1e-12); // every pair has 4 → 5: Dice 1
    }
}
