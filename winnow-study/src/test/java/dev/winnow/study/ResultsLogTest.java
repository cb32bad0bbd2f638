package dev.winnow.study;

import dev.winnow.WinnowException;
import dev.winnow.study.results.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsLogTest {
    /** A run with only what identifies it. */
    static RunRecord run(String method, double keep, long seed) {
        return new RunRecord(method, null, null, keep, 0, 0, seed, 0, null, null, 0, 0, null, 0, 0, null);
    }

    @Test
    void appendsWholeLinesAndFindsFinishedRuns(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.jsonl");
        ResultsLog log = ResultsLog.open(f);
        log.append(run("random", 0.3, 1));
        log.append(run("full", 1.0, 1));
        assertThat(Files.readAllLines(f)).hasSize(2);
        ResultsLog again = ResultsLog.open(f);
        assertThat(again.repaired()).isFalse();
        assertThat(again.done("random", 0.3, 1)).isTrue();
        assertThat(again.done("random", 0.3, 2)).isFalse();
        assertThat(again.done("random", 0.5, 1)).isFalse();
        assertThat(again.done("full", 1.0, 1)).isTrue();
    }

    @Test
    void aTornLastLineIsDroppedAndCutOff(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.jsonl");
        String good = "{\"method\":\"random\",\"keep\":0.3,\"seed\":0}\n";
        Files.writeString(f, good + "{\"method\":\"el2n@2:hard\",\"ke");
        ResultsLog log = ResultsLog.open(f);
        assertThat(log.repaired()).isTrue();
        assertThat(log.runs()).hasSize(1);
        assertThat(Files.readString(f)).isEqualTo(good);
        log.append(run("x", 0.1, 0));
        assertThat(Files.readAllLines(f)).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
    }

    @Test
    void aDamagedLineInTheMiddleIsAnError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.jsonl");
        Files.writeString(f, "{\"method\":\"a\"}\n{broken\n{\"method\":\"b\"}\n");
        assertThatThrownBy(() -> ResultsLog.open(f)).isInstanceOf(WinnowException.class)
                .hasMessageContaining("line 2 is not valid JSON");
    }

    @Test
    void aLineThatIsNotARunIsAnErrorNamingTheLineAndTheField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.jsonl");
        Files.writeString(f, "{\"method\":\"a\",\"keep\":0.5,\"seed\":0}\n\n{\"method\":\"b\",\"seed\":1}\n");
        assertThatThrownBy(() -> ResultsLog.open(f)).isInstanceOf(WinnowException.class)
                .hasMessageContaining("line 3 is not a run").hasMessageContaining("'keep'");
    }
}
