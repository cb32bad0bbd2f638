package dev.winnow.cli.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.select.KeepList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash consistency: {@code winnow train}, {@code score}, {@code select} and {@code study} are killed with
 * SIGKILL after a seeded random delay (uniform in [0, 1.2 × the uninterrupted run's wall time]), and what
 * they leave is checked: no output that looks complete but is not (a store opens whole and validated, a
 * score table or keep-list is byte for byte the uninterrupted one, or absent), the command run again
 * completes, and {@code study --resume} loses at most the run in flight. Trials per command:
 * {@code -Dwinnow.crash.trials=N} (2 by default, to keep the build short); each command's numbers are printed
 * and appended to {@code target/crash-report.txt}.
 */
class CrashConsistencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static Path data;
    private static Path refStore;
    private static double trainSeconds;

    @BeforeAll
    static void data() throws IOException {
        Random r = new Random(1);
        StringBuilder b = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 600; i++) {
            int y = i % 2;
            b.append(r.nextGaussian() + 2 * y).append(',').append(r.nextGaussian() - y).append(',').append(y).append('\n');
        }
        data = Files.writeString(tmp.resolve("train.csv"), b);
        refStore = tmp.resolve("ref/run/dynamics");
        Child.Outcome o = Child.run(tmp.resolve("ref"), train(tmp.resolve("ref/run")));
        assertThat(o.exit()).as(o.stderr()).isZero();
        trainSeconds = o.seconds();
    }

    private static String[] train(Path out) {
        return new String[] {"train", "--data", "csv:" + data, "--model", "mlp", "--hidden", "8", "--epochs", "3",
            "--threads", "1", "--quiet", "--out", out.toString()};
    }

    /** One command's trials, for the report. */
    private static final class Tally {
        final String command;
        final String absentWord;
        final String presentWord;
        int trials;
        int killed;
        int finishedFirst;
        int absent;
        int whole;
        double maxDelay;

        Tally(String command) {
            this(command, "output absent", "whole");
        }

        Tally(String command, String absentWord, String presentWord) {
            this.command = command;
            this.absentWord = absentWord;
            this.presentWord = presentWord;
        }

        void count(Child.Outcome o, double delay, boolean present) {
            trials++;
            maxDelay = Math.max(maxDelay, delay);
            if (o.killed()) {
                killed++;
            } else {
                finishedFirst++;
            }
            if (present) {
                whole++;
            } else {
                absent++;
            }
        }

        void report(String extra) throws IOException {
            String line = String.format(java.util.Locale.ROOT, "crash %s: %d trials (seed %d), %d killed mid-run"
                            + " (delays up to %.1f s), %d finished first; %s %d, %s %d, torn 0%s",
                    command, trials, Child.seed(), killed, maxDelay, finishedFirst, absentWord, absent, presentWord, whole,
                    extra);
            System.out.println(line);
            Files.writeString(Path.of("target", "crash-report.txt"), line + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static double delay(Random r, double seconds) {
        return r.nextDouble() * 1.2 * seconds;
    }

    @Test
    void killedTrainingLeavesNoStoreOrAWholeOne() throws IOException {
        DynamicsStore ref = DynamicsStore.open(refStore);
        Random r = new Random(Child.seed());
        Tally t = new Tally("train");
        for (int i = 0; i < Child.trials(); i++) {
            Path work = tmp.resolve("train-" + i);
            Path out = work.resolve("run");
            Path store = out.resolve("dynamics");
            double d = delay(r, trainSeconds);
            Child.Outcome o = Child.runKilledAfter(d, work, train(out));
            boolean present = Files.exists(store);
            if (present) {
                DynamicsStore s = DynamicsStore.open(store); // validates every array against the manifest
                assertThat(s.observations()).isEqualTo(ref.observations());
                assertThat(s.labels()).isEqualTo(ref.labels());
                assertThat(out.resolve("metrics.json")).as("a store is never without its metrics").exists();
            } else {
                // metrics without a store are no finished run; --force replaces them
                String[] again = Files.exists(out.resolve("metrics.json")) ? concat(train(out), "--force") : train(out);
                Child.Outcome rerun = Child.run(work, again);
                assertThat(rerun.exit()).as(rerun.stderr()).isZero();
                assertThat(DynamicsStore.open(store).observations()).isEqualTo(ref.observations());
            }
            t.count(o, d, present);
        }
        t.report("");
    }

    @Test
    void killedScoringAndSelectionLeaveNoFileOrTheWholeOne() throws IOException {
        Path refScores = tmp.resolve("ref/el2n.csv");
        String[] score = {"score", "--dynamics", refStore.toString(), "--score", "el2n@3"};
        Child.Outcome ro = Child.run(tmp.resolve("ref"), concat(score, "--out", refScores.toString()));
        assertThat(ro.exit()).as(ro.stderr()).isZero();
        Path refKeep = tmp.resolve("ref/keep.csv");
        String[] select = {"select", "--scores", refScores.toString(), "--keep", "0.5", "--strategy", "stratified"};
        Child.Outcome rs = Child.run(tmp.resolve("ref"), concat(select, "--out", refKeep.toString()));
        assertThat(rs.exit()).as(rs.stderr()).isZero();
        byte[] scoresBytes = Files.readAllBytes(refScores);
        byte[] keepBytes = Files.readAllBytes(refKeep);
        Random r = new Random(Child.seed() + 1);
        Tally ts = new Tally("score");
        Tally tk = new Tally("select");
        for (int i = 0; i < Child.trials(); i++) {
            Path work = tmp.resolve("score-" + i);
            Path out = work.resolve("el2n.csv");
            double d = delay(r, ro.seconds());
            Child.Outcome o = Child.runKilledAfter(d, work, concat(score, "--out", out.toString()));
            boolean present = Files.exists(out);
            if (!present) {
                assertThat(Child.run(work, concat(score, "--out", out.toString())).exit()).isZero();
            }
            assertThat(Files.readAllBytes(out)).isEqualTo(scoresBytes);
            ts.count(o, d, present);

            Path kwork = tmp.resolve("select-" + i);
            Path keep = kwork.resolve("keep.csv");
            Path json = kwork.resolve("keep.json");
            double dk = delay(r, rs.seconds());
            Child.Outcome ok = Child.runKilledAfter(dk, kwork, concat(select, "--out", keep.toString()));
            boolean kept = Files.exists(keep);
            if (kept) {
                assertThat(json).as("a keep-list is never without its provenance").exists();
            } else {
                // a provenance file without its list is no keep-list; --force replaces it
                assertThat(Child.run(kwork, concat(select, "--out", keep.toString(), "--force")).exit()).isZero();
            }
            assertThat(Files.readAllBytes(keep)).isEqualTo(keepBytes);
            assertThat(KeepList.read(keep).size()).isEqualTo(KeepList.read(refKeep).size());
            tk.count(ok, dk, kept);
        }
        ts.report("");
        tk.report("");
    }

    private static String[] study(Path out) {
        return study(out, 2);
    }

    private static String[] study(Path out, int epochs) {
        return new String[] {"study", "--data", "csv:" + data + ",test=" + data, "--model", "logreg", "--epochs", Integer.toString(epochs),
            "--batch-size", "32",
            "--proxy-epochs", "1", "--methods", "random,el2n@1:hard", "--keep", "0.5", "--seeds", "0", "--out", out.toString()};
    }

    /** The (method, keep, seed) of every line of results.jsonl; every line must parse (no torn line survives). */
    private static List<String> runs(Path results) throws IOException {
        List<String> keys = new ArrayList<>();
        if (!Files.exists(results)) {
            return keys;
        }
        for (String line : Files.readAllLines(results)) {
            JsonNode n = JSON.readTree(line);
            keys.add(n.get("method").asText() + "@" + n.get("keep").asDouble() + "#" + n.get("seed").asLong());
        }
        return keys;
    }

    @Test
    void aKilledStudyResumesLosingAtMostTheRunInFlight() throws IOException {
        Path refDir = tmp.resolve("ref/study");
        Child.Outcome ref = Child.run(tmp.resolve("ref"), study(refDir));
        assertThat(ref.exit()).as(ref.stderr()).isZero();
        List<String> all = runs(refDir.resolve("results.jsonl"));
        assertThat(new HashSet<>(all)).hasSize(all.size());
        Random r = new Random(Child.seed() + 2);
        Tally t = new Tally("study", "killed before study.json (run anew)", "resumed");
        for (int i = 0; i < Child.trials(); i++) {
            Path work = tmp.resolve("study-" + i);
            Path out = work.resolve("s");
            double d = delay(r, ref.seconds());
            Child.Outcome o = Child.runKilledAfter(d, work, study(out));
            boolean started = Files.exists(out.resolve("study.json"));
            int before = started ? finishedLines(out.resolve("results.jsonl")) : 0;
            Child.Outcome again = started ? Child.run(work, "study", "--out", out.toString(), "--resume")
                    : Child.run(work, study(out));
            assertThat(again.exit()).as(again.stderr()).isZero();
            List<String> after = runs(out.resolve("results.jsonl"));
            assertThat(after).containsExactlyInAnyOrderElementsOf(all); // every run once: none doubled, none lost
            if (started) {
                assertThat(again.stderr() + Files.readString(work.resolve("child.out")))
                        .contains((all.size() - before) + " runs done, " + before + " already finished");
            }
            t.count(o, d, started);
        }
        t.report(String.format(", every resume finished all %d runs, none done twice, no finished run redone", all.size()));
    }

    /** The complete lines of results.jsonl as the resume will see them (a torn last line is dropped). */
    private static int finishedLines(Path results) throws IOException {
        if (!Files.exists(results)) {
            return 0;
        }
        String text = Files.readString(results);
        int n = 0;
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            try {
                JsonNode node = JSON.readTree(line);
                if (node != null && node.isObject() && node.has("method")) {
                    n++;
                }
            } catch (IOException torn) {
                // the run in flight, cut off: the resume does it again
            }
        }
        return n;
    }

    @Test
    void aSecondStudyOnTheSameFolderIsRefusedWhileTheFirstRuns() throws Exception {
        Path work = tmp.resolve("twice");
        Path out = work.resolve("s");
        long t0 = System.nanoTime();
        Process first = Child.start(work, study(out, 40)); // long enough to outlast the second one's start
        Path lock = out.resolve(".lock");
        for (int i = 0; i < 600 && !(Files.exists(lock) && Files.size(lock) > 0); i++) {
            Thread.sleep(100);
        }
        assertThat(first.isAlive()).as("the first study still runs").isTrue();
        Path work2 = tmp.resolve("twice-2");
        Child.Outcome second = Child.run(work2, "study", "--out", out.toString(), "--resume");
        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.errorLines()).containsExactly("winnow: " + out + ": another winnow study is running in this"
                + " folder (pid " + first.pid() + "); wait for it to end, or use another folder");
        Child.Outcome o = Child.await(first, -1, t0, work);
        assertThat(o.exit()).as(o.stderr()).isZero();
        List<String> after = runs(out.resolve("results.jsonl"));
        assertThat(new HashSet<>(after)).hasSize(after.size());
        assertThat(Child.run(work2, "study", "--out", out.toString(), "--resume").exit()).isZero();
        assertThat(runs(out.resolve("results.jsonl"))).isEqualTo(after);
        assertThat(first.waitFor(1, TimeUnit.SECONDS)).isTrue();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
