package dev.winnow.train.nmt;

import dev.winnow.policy.EpochPlan;
import dev.winnow.policy.FixedPolicy;
import dev.winnow.policy.FullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Seq2SeqTrainerTest {
    @TempDir
    Path dir;

    private static Seq2SeqTrainer.Config config(int epochs, int evalEvery, long seed) {
        return new Seq2SeqTrainer.Config(new Seq2SeqNet.Dims(24, 32, 0f), epochs, 16, 0.01f, 1f, evalEvery, seed);
    }

    @Test
    void aTinyTranslatorLearnsAWordMapping() throws IOException {
        ParallelText data = ParallelText.load(SyntheticPairs.write(dir, 300, 40, 1));
        try (Seq2SeqTrainer t = new Seq2SeqTrainer(data, config(8, 1, 0))) {
            Seq2SeqTrainer.Outcome o = t.train(new FullPolicy(300), null);
            double[] loss = o.trainLoss();
            assertTrue(loss[loss.length - 1] < 0.5 * loss[0], java.util.Arrays.toString(loss));
            List<Seq2SeqTrainer.CurvePoint> c = o.curve();
            assertEquals(8, c.size());
            assertTrue(c.get(7).bleu() > c.get(0).bleu() + 20, c.toString());
            assertTrue(o.score() > 50, o.bleu().toString());
            assertEquals(8 * 300, o.trainBackward());
            assertEquals(8L * ((300 + 15) / 16), o.steps());
            assertEquals(40, o.hypotheses().size());
        }
    }

    @Test
    void aKeepListTrainsOnlyItsPairsAndTheObserverSeesEveryCheckpoint() throws IOException {
        ParallelText data = ParallelText.load(SyntheticPairs.write(dir, 64, 8, 2));
        int[] kept = {0, 5, 9, 33, 60};
        List<float[]> presented = new ArrayList<>();
        List<float[]> checkpoints = new ArrayList<>();
        try (Seq2SeqTrainer t = new Seq2SeqTrainer(data, config(2, -1, 3))) {
            Seq2SeqTrainer.Outcome o = t.train(new FixedPolicy(64, EpochPlan.of(kept), "five"),
                    new Seq2SeqTrainer.LossObserver() {
                        @Override
                        public void presentations(int epoch, float[] losses) {
                            presented.add(losses);
                        }

                        @Override
                        public void checkpoint(int epoch, float[] losses) {
                            checkpoints.add(losses);
                        }
                    });
            assertEquals(10, o.trainBackward());
            assertEquals(128, o.recordForward());
            assertTrue(Double.isNaN(o.score()), "no evaluation when evalEvery is -1");
        }
        assertEquals(2, presented.size());
        assertEquals(2, checkpoints.size());
        for (int i = 0; i < 64; i++) {
            boolean in = java.util.Arrays.binarySearch(kept, i) >= 0;
            assertEquals(in, !Float.isNaN(presented.get(0)[i]), "presentation of pair " + i);
            assertTrue(Float.isFinite(checkpoints.get(1)[i]) && checkpoints.get(1)[i] > 0);
        }
    }

    @Test
    void stepsLeaveNoArraysBehind() throws IOException {
        // One epoch is 4 steps, three epochs 12: a step that leaks a temporary (a gradient's square in the
        // clipping, say) would leave 8 more arrays per parameter in the longer run.
        ParallelText data = ParallelText.load(SyntheticPairs.write(dir, 64, 4, 5));
        int[] live = new int[2];
        int[] epochs = {1, 3};
        for (int r = 0; r < 2; r++) {
            try (Seq2SeqTrainer t = new Seq2SeqTrainer(data, config(epochs[r], -1, 2))) {
                t.train(new FullPolicy(64), null);
                live[r] = t.liveArrays();
            }
        }
        assertTrue(live[0] > 0, "the parameters are alive");
        assertEquals(live[0], live[1], "arrays alive after 4 steps and after 12 steps");
    }

    @Test
    void theSameSeedGivesTheSameLosses() throws IOException {
        ParallelText data = ParallelText.load(SyntheticPairs.write(dir, 48, 4, 4));
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            try (Seq2SeqTrainer t = new Seq2SeqTrainer(data, config(1, -1, 9))) {
                t.train(new FullPolicy(48), null);
                runs[r] = t.losses(data.train(), java.util.stream.IntStream.range(0, 48).toArray());
            }
        }
        assertArrayEquals(runs[0], runs[1]);
    }
}
