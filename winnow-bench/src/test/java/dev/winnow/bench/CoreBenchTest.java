package dev.winnow.bench;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.io.ScoreTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The core's benchmarks on tiny inputs: what they print and return, not how fast they are. */
class CoreBenchTest {
    @Test
    void scoreBenchTimesThreeScoresAndPrintsATable() {
        StringWriter out = new StringWriter();
        List<ScoreBench.Result> results = ScoreBench.run(2_000, 4, 1, new PrintWriter(out));
        assertThat(results).extracting(ScoreBench.Result::score).containsExactly("el2n@4", "forgetting", "aum");
        // el2n@T reads the last row only; forgetting and aum read all T
        assertThat(results).extracting(ScoreBench.Result::rowsRead).containsExactly(1, 4, 4);
        assertThat(results).allSatisfy(r -> assertThat(r.scoreMillis()).isPositive());
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith("synthetic store N=2,000 T=4 (1 run, presentations, 10% NaN) written in ");
        assertThat(lines.get(1)).isEqualTo(String.format("%-12s %5s %12s %14s %7s", "score", "rows", "score ms",
                "plain-read ms", "ratio"));
        assertThat(lines.get(2)).startsWith(String.format("%-12s %5d ", "el2n@4", 1));
        assertThat(lines.get(5)).isEqualTo("(median of 1 after 3 warm-up rounds; plain read = bulk FloatBuffer.get "
                + "of the same rows + sum)");
    }

    @Test
    void scoreResultRatioIsScoreOverBaseline() {
        assertThat(new ScoreBench.Result("aum", 20, 30.0, 12.0).ratio()).isEqualTo(2.5);
    }

    @Test
    void selectBenchTableIsSeededAndRunGivesRatiosOfMedians() {
        ScoreTable a = SelectBench.table(100, 7);
        ScoreTable b = SelectBench.table(100, 7);
        assertThat(a.scores()).containsExactly(b.scores());
        assertThat(a.labels()).containsExactly(b.labels());
        assertThat(a.ids()).startsWith(0L, 1L, 2L).endsWith(99L);
        assertThat(java.util.Arrays.stream(a.labels()).allMatch(l -> l >= 0 && l < 10)).isTrue();

        StringWriter log = new StringWriter();
        SelectBench.Result r = SelectBench.run(5_000, 1, 2, new PrintWriter(log));
        assertThat(log.toString().lines()).hasSize(3);
        assertThat(log.toString()).startsWith("warm-up 1: sort ").contains("round 2: sort ");
        assertThat(r.n()).isEqualTo(5_000);
        assertThat(r.repetitions()).isEqualTo(2);
        assertThat(r.hardRatio()).isEqualTo(r.hardMs() / r.sortMs());
        assertThat(r.toString()).startsWith("N=5000, keep 0.3, median of 2: Arrays.sort ");
    }

    @Test
    void benchStoreWritesTenObservationsWithSkippedPresentations(@TempDir Path tmp) {
        Path dir = tmp.resolve("store");
        StringWriter log = new StringWriter();
        BenchStore.write(dir, 400, new PrintWriter(log));
        assertThat(log.toString().lines()).hasSize(5).allMatch(l -> l.matches("epoch [1-5] written \\(.*s\\)"));
        DynamicsStore store = DynamicsStore.open(dir);
        assertThat(store.examples()).isEqualTo(400);
        assertThat(store.classes()).isEqualTo(10);
        assertThat(store.observations()).hasSize(10);
        assertThat(store.hasSignal("el2n")).isTrue();
        assertThat(store.hasSignal("loss")).isTrue();
        int nanPresentation = 0;
        int nanCheckpoint = 0;
        for (int t = 0; t < 10; t++) {
            FloatBuffer fb = store.signal("el2n", t);
            for (int i = 0; i < 400; i++) {
                if (Float.isNaN(fb.get(i))) {
                    if (store.observations().get(t).kind() == ObservationKind.PRESENTATION) {
                        nanPresentation++;
                    } else {
                        nanCheckpoint++;
                    }
                }
            }
        }
        // about 1 in 20 presentations skipped; checkpoints see everyone
        assertThat(nanCheckpoint).isZero();
        assertThat(nanPresentation).isBetween(50, 150); // 5% of 5 × 400 = 100
    }
}
