package dev.winnow.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash consistency of {@code winnow export}: the command runs in a child JVM and is killed with SIGKILL
 * ({@link Process#destroyForcibly()}, by process id) after a seeded random delay, uniform in [0, 1.2 × the
 * uninterrupted run's wall time]. The Parquet folder is then absent or whole (the uninterrupted run's files,
 * every Parquet file with its footer and row count, the manifest byte for byte), and the export run again
 * completes. Trials: {@code -Dwinnow.crash.trials=N} (2 by default); the numbers are
 * printed and appended to {@code target/crash-report.txt}.
 */
class ExportCrashTest {
    @TempDir
    Path tmp;

    private Process start(Path work, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-D")).toList());
        cmd.addAll(List.of("-Xmx768m", "-cp", System.getProperty("java.class.path"), SparkMain.class.getName()));
        cmd.addAll(List.of(args));
        Files.createDirectories(work);
        return new ProcessBuilder(cmd).redirectOutput(work.resolve("out.txt").toFile())
                .redirectError(work.resolve("err.txt").toFile()).start();
    }

    /** Exit code, wall seconds, killed. */
    private record Outcome(int exit, double seconds, boolean killed) {
    }

    private Outcome run(double killAfter, Path work, String... args) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(work, args);
        boolean killed = false;
        if (killAfter >= 0 && !p.waitFor((long) (killAfter * 1e9), TimeUnit.NANOSECONDS)) {
            p.destroyForcibly();
            killed = true;
        }
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), (System.nanoTime() - t0) / 1e9, killed);
    }

    /**
     * Every file under {@code dir}: a Parquet file by its row count, read from its footer (a torn file has none),
     * any other file by the hash of its bytes.
     */
    private static TreeMap<String, Long> files(Path dir) throws IOException {
        TreeMap<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                long v;
                if (p.getFileName().toString().endsWith(".parquet")) {
                    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                            new org.apache.hadoop.fs.Path(p.toUri()), new Configuration()))) {
                        v = r.getRecordCount();
                    }
                } else {
                    v = java.util.Arrays.hashCode(Files.readAllBytes(p));
                }
                m.put(dir.relativize(p).toString(), v);
            }
        }
        return m;
    }

    @Test
    void aKilledExportLeavesNoFolderOrTheWholeOne() throws Exception {
        int trials = Integer.getInteger("winnow.crash.trials", 2);
        long seed = Long.getLong("winnow.crash.seed", 13);
        Path store = TestStores.write(tmp.resolve("store"), 2000, 7);
        Path ref = tmp.resolve("ref.parquet");
        Outcome r0 = run(-1, tmp.resolve("ref"), "export", "--dynamics", store.toString(), "--parquet", ref.toString());
        assertThat(r0.exit()).as(Files.readString(tmp.resolve("ref/err.txt"))).isZero();
        TreeMap<String, Long> whole = files(ref);
        Random rnd = new Random(seed + 3);
        int killed = 0;
        int absent = 0;
        double maxDelay = 0;
        for (int i = 0; i < trials; i++) {
            Path work = tmp.resolve("t" + i);
            Path out = work.resolve("dyn.parquet");
            double d = rnd.nextDouble() * 1.2 * r0.seconds();
            maxDelay = Math.max(maxDelay, d);
            String[] args = {"export", "--dynamics", store.toString(), "--parquet", out.toString()};
            Outcome o = run(d, work, args);
            killed += o.killed() ? 1 : 0;
            if (Files.exists(out)) {
                assertThat(files(out)).as("an export that is there is whole").isEqualTo(whole);
            } else {
                absent++;
                assertThat(run(-1, work, args).exit()).isZero();
                assertThat(files(out)).isEqualTo(whole);
            }
        }
        String line = String.format(Locale.ROOT, "crash export: %d trials (seed %d), %d killed mid-run (delays up to"
                + " %.1f s), %d finished first; output absent %d, whole %d, torn 0", trials, seed, killed, maxDelay,
                trials - killed, absent, trials - absent);
        System.out.println(line);
        Files.writeString(Path.of("target", "crash-report.txt"), line + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
