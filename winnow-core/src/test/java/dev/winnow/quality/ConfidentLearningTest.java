package dev.winnow.quality;

import dev.winnow.WinnowException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfidentLearningTest {
    private static final long[] IDS = {10, 11, 12, 13, 14, 15, 16};
    private static final int[] LABELS = {0, 0, 0, 1, 1, 2, 2};
    private static final float[] P = {
        .8f, .1f, .1f,
        .7f, .2f, .1f,
        .1f, .8f, .1f,  // labelled 0, looks like 1
        .2f, .7f, .1f,  // below every threshold: not counted
        .1f, .8f, .1f,
        .1f, .1f, .8f,
        .6f, .1f, .3f,  // labelled 2, looks like 0
    };

    @Test
    void thresholdsJointCalibrationAndFlagsByHand() {
        ConfidentLearning.Result r = ConfidentLearning.find(P, LABELS, 3, IDS, "test");
        // t0 = (.8 + .7 + .1)/3, t1 = (.7 + .8)/2, t2 = (.8 + .3)/2
        assertThat(r.thresholds()[0]).isCloseTo(1.6 / 3, Offset.offset(1e-6));
        assertThat(r.thresholds()[1]).isCloseTo(0.75, Offset.offset(1e-6));
        assertThat(r.thresholds()[2]).isCloseTo(0.55, Offset.offset(1e-6));
        // e0, e1 -> (0,0); e2 -> (0,1); e3 none; e4 -> (1,1); e5 -> (2,2); e6 -> (2,0)
        assertThat(r.confidentJoint()).isDeepEqualTo(new long[][] {{2, 1, 0}, {0, 1, 0}, {1, 0, 1}});
        // row 1 counts 1 of its 2 labels: scaled to [0, 2, 0]
        assertThat(r.calibrated()).isDeepEqualTo(new long[][] {{2, 1, 0}, {0, 2, 0}, {1, 0, 1}});
        assertThat(r.estimatedIssues()).isEqualTo(2);
        // cell (0,1): largest p1 - p0 among labelled 0 is e2; cell (2,0): largest p0 - p2 among labelled 2 is e6
        // ranked by self-confidence: e2 (p0 = .1) before e6 (p2 = .3)
        assertThat(r.flagged()).containsExactly(2, 6);
        assertThat(r.suggested()).containsExactly(1, 0);
        assertThat(r.quality()[6]).isEqualTo(.3f);
    }

    @Test
    void calibrationRoundsKeepingEachRowsTotal() {
        long[][] cal = ConfidentLearning.calibrate(new long[][] {{1, 1, 1}, {0, 0, 0}, {0, 3, 1}},
                new long[] {4, 5, 6});
        // 4/3 each: floors 1,1,1 and the one left to the smaller j; an empty row puts its count on the diagonal;
        // {0, 4.5, 1.5}: floors 0,4,1, the unit left goes to the larger fraction (tie .5/.5 -> smaller j)
        assertThat(cal).isDeepEqualTo(new long[][] {{2, 1, 1}, {0, 5, 0}, {0, 5, 1}});
    }

    @Test
    void aClassWithOneExampleAndNonFiniteProbabilitiesAreRefused() {
        assertThatThrownBy(() -> ConfidentLearning.find(new float[] {.9f, .1f, .8f, .2f, .3f, .7f}, new int[] {0, 0, 1}, 2,
                new long[] {1, 2, 3}, "p.npy")).isInstanceOf(WinnowException.class)
                .hasMessageContaining("p.npy").hasMessageContaining("class 1 has a single example (id 3)");
        assertThatThrownBy(() -> ConfidentLearning.find(new float[] {Float.NaN, .1f, .8f, .2f}, new int[] {0, 0}, 2,
                new long[] {1, 2}, "p.npy")).isInstanceOf(WinnowException.class).hasMessageContaining("id 1");
    }
}
