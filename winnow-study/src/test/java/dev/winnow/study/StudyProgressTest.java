package dev.winnow.study;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StudyProgressTest {
    @Test
    void durationsReadAsAPersonWouldWriteThem() {
        assertThat(StudyProgress.duration(42.4)).isEqualTo("42s");
        assertThat(StudyProgress.duration(185)).isEqualTo("3m05s");
        assertThat(StudyProgress.duration(7620)).isEqualTo("2h07m");
    }

    @Test
    void oneLinePerRunCountingTheWholeStudy(@TempDir Path tmp) {
        StudySpec s = StudyRunnerTest.spec("random", "0.5", "0,1", "epochs", 0);
        StringWriter out = new StringWriter();
        StudyProgress p = new StudyProgress(s, ResultsLog.open(tmp.resolve("results.jsonl")), new PrintWriter(out));
        List<PlannedRun> runs = PlannedRun.perSeed(s);
        p.runDone(runs.get(0), 0, 0.5, 1.04);
        p.runDone(runs.get(1), 0, 0.8125, 0.5);
        String[] lines = out.toString().split("\n");
        // per seed: full, random at 0.5, full:shorter at 0.5
        assertThat(lines[0]).startsWith("[1/6] full keep 1.00 seed 0: test accuracy 0.5000 (1.0 s) · elapsed ");
        assertThat(lines[1]).startsWith("[2/6] random keep 0.50 seed 0: test accuracy 0.8125 (0.5 s) · elapsed ")
                .contains(" · ETA ");
    }
}
