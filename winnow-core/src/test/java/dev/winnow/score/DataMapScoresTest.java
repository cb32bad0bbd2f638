package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The data-map scores on {@link TinyStore}, whose p_true is 1/perplexity; expected values by hand. */
class DataMapScoresTest {
    @TempDir
    static Path dir;
    static DynamicsStore store;

    @BeforeAll
    static void write() {
        store = DynamicsStore.open(TinyStore.write(dir.resolve("s")));
    }

    private static float[] score(String name) {
        return ScoreSpec.parse(name).create(ScoreOptions.defaults()).compute(store);
    }

    private static void near(float[] got, double... want) {
        for (int i = 0; i < want.length; i++) {
            if (Double.isNaN(want[i])) {
                assertThat(got[i]).isNaN();
            } else {
                assertThat((double) got[i]).as("example %d", i).isCloseTo(want[i], Offset.offset(1e-5));
            }
        }
    }

    @Test
    void confidenceIsMinusTheMeanPTrueOverPresentations() {
        // presentations r0: t0 {1, 1/2, 1/3, 1/4, -}, t2 {1/3, 1, -, 1/2, -}, t3 {1/5, -, -, 1/4, -}
        //               r1: t5 {1, 1, 1, 1, -},       t6 {1/2, 1/2, 1/2, 1/2, -}
        // ex0: r0 (1 + 1/3 + 1/5)/3 = 23/45, r1 3/4 -> (23/45 + 3/4)/2
        near(score("confidence"), -(23.0 / 45 + 0.75) / 2, -0.75, -(1.0 / 3 + 0.75) / 2, -(1.0 / 3 + 0.75) / 2,
                Double.NaN);
    }

    @Test
    void variabilityIsThePopulationStdOfPTrueWithinARunAveragedOverRuns() {
        double m0 = 23.0 / 45;
        double sd0 = Math.sqrt(((1 - m0) * (1 - m0) + (1.0 / 3 - m0) * (1.0 / 3 - m0) + (0.2 - m0) * (0.2 - m0)) / 3);
        double m3 = 1.0 / 3;
        double sd3 = Math.sqrt((2 * (0.25 - m3) * (0.25 - m3) + (0.5 - m3) * (0.5 - m3)) / 3);
        // r1 of ex0..ex3: {1, 1/2} -> 1/4; ex1 r0 {1/2, 1} -> 1/4; ex2 r0 has one presentation -> 0
        near(score("variability"), (sd0 + 0.25) / 2, 0.25, 0.125, (sd3 + 0.25) / 2, Double.NaN);
    }

    @Test
    void correctnessIsMinusTheFractionOfPresentationsCorrect() {
        // correct r0: t0 {1,0,1,0,-} t2 {0,0,-,1,-} t3 {1,1,0,0,-}; r1: t5 {1,0,1,1,0} t6 {0,0,1,0,-}
        // ex0 (2/3 + 1/2)/2, ex1 (1/3 + 0)/2, ex2 (1/2 + 1)/2, ex3 (1/3 + 1/2)/2, ex4 r1 only: 0
        near(score("correctness"), -(2.0 / 3 + 0.5) / 2, -(1.0 / 3) / 2, -0.75, -(1.0 / 3 + 0.5) / 2, 0);
    }
}
