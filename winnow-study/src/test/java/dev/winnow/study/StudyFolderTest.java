package dev.winnow.study;

import dev.winnow.score.ScoreSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The study folder's layout (a contract: old folders must keep resuming) and its start rules. */
class StudyFolderTest {
    @Test
    void everyFileHasItsPlace() {
        StudyFolder f = new StudyFolder(Path.of("s"));
        ScoreSpec el2n = ScoreSpec.parse("el2n@2");
        assertThat(f.studyJson()).isEqualTo(Path.of("s/study.json"));
        assertThat(f.results()).isEqualTo(Path.of("s/results.jsonl"));
        assertThat(f.proxyStore(3)).isEqualTo(Path.of("s/proxy/seed-3"));
        assertThat(f.proxyCost(3)).isEqualTo(Path.of("s/proxy/seed-3.json"));
        assertThat(f.scoreTable(1, el2n)).isEqualTo(Path.of("s/scores/seed-1/el2n_2.csv"));
        assertThat(f.scoreCost(1, el2n)).isEqualTo(Path.of("s/scores/seed-1/el2n_2.json"));
        assertThat(f.noise(2)).isEqualTo(Path.of("s/noise/seed-2.csv"));
        assertThat(f.examples()).isEqualTo(Path.of("s/examples.json"));
        assertThat(StudyFolder.fileName("cat@3")).isEqualTo("cat_3");
        assertThat(StudyFolder.fileName("least_confidence@2")).isEqualTo("least_confidence_2");
    }

    @Test
    void newResumeAndForce(@TempDir Path tmp) throws Exception {
        StudySpec s = StudyRunnerTest.spec("random", "0.5", "0", "epochs", 0);
        StudyFolder f = new StudyFolder(tmp.resolve("s"));
        assertThat(f.prepare(s, StudyFolder.Mode.NEW)).isEqualTo(s);
        assertThatThrownBy(() -> f.prepare(null, StudyFolder.Mode.RESUME)).hasMessageContaining("no study to resume");
        f.create(s);
        assertThat(Files.readString(f.studyJson())).isEqualTo(s.toJson());
        assertThatThrownBy(() -> f.prepare(s, StudyFolder.Mode.NEW)).hasMessageContaining("already exists");
        assertThat(f.prepare(null, StudyFolder.Mode.RESUME)).as("the stored spec").isEqualTo(s);
        assertThat(f.prepare(s, StudyFolder.Mode.FORCE)).isEqualTo(s);
        assertThat(f.dir()).as("force removed the old study").doesNotExist();
    }

    @Test
    void temporariesOfAnInterruptedWriterAreRemoved(@TempDir Path tmp) throws Exception {
        Path target = tmp.resolve("seed-0");
        Files.createDirectories(tmp.resolve(".seed-0.123"));
        Files.writeString(tmp.resolve(".seed-0.tmp"), "x");
        Files.writeString(tmp.resolve(".seed-01.tmp"), "another seed's");
        StudyFolder.removeTemporaries(target);
        assertThat(tmp.resolve(".seed-0.123")).doesNotExist();
        assertThat(tmp.resolve(".seed-0.tmp")).doesNotExist();
        assertThat(tmp.resolve(".seed-01.tmp")).exists();
    }

    @Test
    void eachSeedRunsFullThenEveryMethodAtEachOfItsKeeps() {
        StudySpec s = StudyRunnerTest.spec("random,dynamic:infobatch:0.5,el2n@2:hard", "0.2,0.5", "0", "epochs", 0);
        assertThat(PlannedRun.perSeed(s)).extracting(r -> r.method().name() + "@" + r.keep())
                .containsExactly("full@1.0", "random@0.2", "random@0.5", "dynamic:infobatch:0.5@1.0",
                        "el2n@2:hard@0.2", "el2n@2:hard@0.5", "full:shorter@0.2", "full:shorter@0.5");
        assertThat(s.totalRuns()).isEqualTo(PlannedRun.perSeed(s).size());
    }
}
