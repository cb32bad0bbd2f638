package dev.winnow.study.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunRecordTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A study folder written by the runner before runs were records: study.json and three real lines. */
    static Path folderBeforeRecords() throws URISyntaxException {
        return Path.of(RunRecordTest.class.getResource("study-before-typed-records").toURI());
    }

    static List<String> linesBeforeRecords() throws Exception {
        return Files.readAllLines(folderBeforeRecords().resolve("results.jsonl"));
    }

    @Test
    void linesOfTheRunnerBeforeRecordsReadAndWriteBackByteForByte() throws Exception {
        for (String line : linesBeforeRecords()) {
            assertThat(RunRecord.fromJson(JSON.readTree(line)).toJson()).isEqualTo(line);
        }
    }

    @Test
    void everyFieldOfARealLineIsTyped() throws Exception {
        List<String> lines = linesBeforeRecords();
        RunRecord full = RunRecord.fromJson(JSON.readTree(lines.get(0)));
        assertThat(full.method()).isEqualTo("full");
        assertThat(full.score()).isNull();
        assertThat(full.strategy()).isNull();
        assertThat(full.provenance().classBalanced()).as("not written for full training").isNull();
        assertThat(full.provenance().params()).isNull();

        RunRecord dyn = RunRecord.fromJson(JSON.readTree(lines.get(1)));
        assertThat(dyn.provenance().policy()).isEqualTo("uniform:0.25");
        assertThat(dyn.provenance().classBalanced()).isFalse();

        RunRecord cal = RunRecord.fromJson(JSON.readTree(lines.get(2)));
        assertThat(cal.method()).isEqualTo("el2n@1:calibrated:0.5:balanced");
        assertThat(cal.score()).isEqualTo("el2n@1");
        assertThat(cal.strategy()).isEqualTo("calibrated");
        assertThat(cal.keep()).isEqualTo(0.25);
        assertThat(cal.k()).isEqualTo(60);
        assertThat(cal.n()).isEqualTo(240);
        assertThat(cal.seed()).isZero();
        assertThat(cal.testAccuracy()).isEqualTo(0.96);
        assertThat(cal.seconds()).isEqualTo(new RunRecord.Seconds(0.880811493, 0.014047183, 0.006466083, 0.076036595,
                8.1632E-4, 0.9781776739999999));
        assertThat(cal.cpuSeconds().target()).isEqualTo(0.029999999999999805);
        assertThat(cal.cpuSeconds().total()).isEqualTo(0.29000000000000004);
        // 480 proxy + 120 training + 150 evaluation forward; 240 proxy + 120 training backward
        assertThat(cal.counts()).isEqualTo(new RunRecord.Counts(new RunRecord.Passes(480, 240),
                new RunRecord.Passes(120, 120), new RunRecord.ForwardPasses(150)));
        assertThat(cal.forwardExamples()).isEqualTo(750).isEqualTo(cal.counts().forward());
        assertThat(cal.backwardExamples()).isEqualTo(360).isEqualTo(cal.counts().backward());
        assertThat(cal.epochs()).isEqualTo(2);
        assertThat(cal.steps()).isEqualTo(4);
        RunRecord.Provenance p = cal.provenance();
        assertThat(p.data()).isEqualTo("csv:/data/blobs/train.csv,test=/data/blobs/test.csv");
        assertThat(List.of(p.limit(), p.batchSize(), p.proxyEpochs(), p.proxyRuns(), p.labelsFlipped(), p.cpus()))
                .containsExactly(0, 32, 1, 1, 0, 2);
        assertThat(p.model()).isEqualTo("mlp");
        assertThat(p.optimizer()).isEqualTo("adam");
        assertThat(p.lr()).isEqualTo(0.01);
        assertThat(p.budget()).isEqualTo("epochs");
        assertThat(p.maxSteps()).isZero();
        assertThat(p.labelNoise()).isZero();
        assertThat(p.params()).containsExactly(0.5);
        assertThat(p.classBalanced()).isTrue();
        assertThat(p.policy()).isNull();
        assertThat(p.keepListSha256()).isEqualTo("db8a95b3ce5c105f");
        assertThat(p.weighted()).isTrue();
        assertThat(p.winnow()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(p.java()).isEqualTo("17.0.15");
        assertThat(p.finished()).isEqualTo("2026-11-30T15:11:51.256775901Z");
    }

    @Test
    void totalsAreTheSumsOfThePhasesInPhaseOrder() {
        // 0.1 + 0.2 = 0.30000000000000004 in binary; + 0.3 + 0.4 + 0.5 in that order
        RunRecord.Seconds s = RunRecord.Seconds.of(0.1, 0.2, 0.3, 0.4, 0.5);
        assertThat(s.total()).isEqualTo(0.1 + 0.2 + 0.3 + 0.4 + 0.5);
        assertThat(RunRecord.CpuSeconds.of(1, 2, 3, 4).total()).isEqualTo(10);
        assertThat(RunRecord.CpuSeconds.of(1, Double.NaN, 3, 4).total()).isNaN();
    }

    @Test
    void aLineFromBeforeCpuSecondsReadsWithoutThem() throws Exception {
        // the first runner's layout: everything but cpu_seconds
        JsonNode line = JSON.readTree(linesBeforeRecords().get(2));
        ((com.fasterxml.jackson.databind.node.ObjectNode) line).remove("cpu_seconds");
        RunRecord r = RunRecord.fromJson(line);
        assertThat(r.cpuSeconds()).isNull();
        assertThat(r.seconds().total()).isEqualTo(0.9781776739999999);
        assertThat(r.toJson()).doesNotContain("cpu_seconds");
    }

    @Test
    void unknownFieldsOfANewerFolderAreIgnored() throws Exception {
        String line = linesBeforeRecords().get(2);
        String newer = line.substring(0, line.length() - 1)
                + ",\"energy\":[{\"epoch\":1,\"joules\":0.9}],\"seconds_extra\":{\"a\":1}}";
        assertThat(RunRecord.fromJson(JSON.readTree(newer))).isEqualTo(RunRecord.fromJson(JSON.readTree(line)));
    }

    @Test
    void aCurveIsWrittenLastAndReadBackAndALineWithoutOneReadsEmpty() throws Exception {
        RunRecord plain = new RunRecord("random", "random", "random", 0.5, 5, 10, 3, 0.75, null, null, 20, 10, null,
                2, 2, null);
        assertThat(plain.curve()).isNull();
        assertThat(plain.curvePoints()).isEmpty();
        assertThat(plain.toJson()).doesNotContain("curve");
        // a proxy of 2 s and 40 backward examples, then the target: 1.5 s / 5 examples per epoch
        List<RunRecord.CurvePoint> target = List.of(new RunRecord.CurvePoint(1, 0.6, 1.5, 5),
                new RunRecord.CurvePoint(2, 0.75, 3.0, 10));
        RunRecord r = plain.withCurve(target.stream().map(p -> p.after(2, 40)).toList());
        assertThat(r.curvePoints()).containsExactly(new RunRecord.CurvePoint(1, 0.6, 3.5, 45),
                new RunRecord.CurvePoint(2, 0.75, 5.0, 50));
        assertThat(r.toJson()).isEqualTo(plain.toJson().substring(0, plain.toJson().length() - 1)
                + ",\"curve\":[{\"epoch\":1,\"test_accuracy\":0.6,\"seconds\":3.5,\"backward_examples\":45},"
                + "{\"epoch\":2,\"test_accuracy\":0.75,\"seconds\":5.0,\"backward_examples\":50}]}");
        assertThat(RunRecord.fromJson(JSON.readTree(r.toJson()))).isEqualTo(r);
        // every line of the runner before curves reads with none
        for (String line : linesBeforeRecords()) {
            assertThat(RunRecord.fromJson(JSON.readTree(line)).curvePoints()).isEmpty();
        }
    }

    @Test
    void cpuSecondsTheJvmCouldNotTellStayNaN() throws Exception {
        // Jackson writes NaN as the string "NaN" (as the runner's JSON nodes did); it reads back as NaN
        RunRecord r = new RunRecord("random", "random", "random", 0.5, 5, 10, 3, 0.75,
                RunRecord.Seconds.of(0, 0, 0.5, 1, 0.25), RunRecord.CpuSeconds.of(0, 0, Double.NaN, 1),
                20, 10, null, 1, 2, null);
        assertThat(r.toJson()).isEqualTo("{\"method\":\"random\",\"score\":\"random\",\"strategy\":\"random\",\"keep\":0.5,"
                + "\"k\":5,\"n\":10,\"seed\":3,\"test_accuracy\":0.75,\"seconds\":{\"proxy\":0.0,\"scoring\":0.0,"
                + "\"selection\":0.5,\"training\":1.0,\"evaluation\":0.25,\"total\":1.75},\"cpu_seconds\":{\"proxy\":0.0,"
                + "\"scoring\":0.0,\"selection\":\"NaN\",\"target\":1.0,\"total\":\"NaN\"},\"forward_examples\":20,"
                + "\"backward_examples\":10,\"epochs\":1,\"steps\":2}");
        RunRecord back = RunRecord.fromJson(JSON.readTree(r.toJson()));
        assertThat(back.cpuSeconds().selection()).isNaN();
        assertThat(back.cpuSeconds().total()).isNaN();
        assertThat(back.seconds()).isEqualTo(r.seconds());
    }

    @Test
    void aRunWithoutMethodKeepOrSeedIsRefusedByName() {
        assertThatThrownBy(() -> RunRecord.fromJson(JSON.readTree("{\"method\":\"random\",\"seed\":0}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'keep'");
        assertThatThrownBy(() -> RunRecord.fromJson(JSON.readTree("{\"keep\":0.5,\"seed\":0}")))
                .hasMessageContaining("'method'");
        assertThatThrownBy(() -> RunRecord.fromJson(JSON.readTree("{\"method\":\"random\",\"keep\":\"half\",\"seed\":0}")))
                .hasMessageContaining("half");
    }

    @Test
    void runsAreFoundByMethodKeepAndSeed() {
        RunRecord r = new RunRecord("aum:hard", "aum", "hard", 0.3, 3, 10, 2, 0.5, null, null, 0, 0, null, 0, 0, null);
        assertThat(r.is("aum:hard", 0.3, 2)).isTrue();
        assertThat(r.is("aum:hard", 0.1 + 0.2, 2)).as("0.1 + 0.2 is 0.3 within 1e-12").isTrue();
        assertThat(r.is("aum:hard", 0.3, 1)).isFalse();
        assertThat(r.is("aum:easy", 0.3, 2)).isFalse();
    }
}
