package dev.winnow.cli.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code winnow} command in a child JVM (the test's class path), optionally killed with SIGKILL after a
 * delay: {@link Process#destroyForcibly()} sends SIGKILL to the child's process id on Linux, so no shutdown
 * hook, finally block or buffered write runs after it.
 */
final class Child {
    /** What became of one child: exit code (137 when killed), its stderr, wall seconds, whether it was killed. */
    record Outcome(int exit, String stderr, double seconds, boolean killed) {
        /** Stderr's lines that are not progress (the one-line error of a failed run). */
        List<String> errorLines() {
            return stderr.lines().filter(l -> l.startsWith("winnow: ")).toList();
        }
    }

    private Child() {
    }

    static Process start(Path work, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "dev.winnow.cli.WinnowCli"));
        cmd.addAll(List.of(args));
        try {
            Files.createDirectories(work);
            return new ProcessBuilder(cmd).directory(work.toFile())
                    .redirectOutput(work.resolve("child.out").toFile())
                    .redirectError(work.resolve("child.err").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs to the end. */
    static Outcome run(Path work, String... args) {
        return runKilledAfter(-1, work, args);
    }

    /** Runs, and kills it with SIGKILL after {@code seconds} unless it ended before (negative: never). */
    static Outcome runKilledAfter(double seconds, Path work, String... args) {
        long t0 = System.nanoTime();
        Process p = start(work, args);
        return await(p, seconds, t0, work);
    }

    static Outcome await(Process p, double killAfter, long t0, Path work) {
        boolean killed = false;
        try {
            if (killAfter >= 0 && !p.waitFor((long) (killAfter * 1e9), TimeUnit.NANOSECONDS)) {
                p.destroyForcibly();
                killed = true;
            }
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("a child ran over 10 minutes");
            }
            return new Outcome(p.exitValue(), Files.readString(work.resolve("child.err")), (System.nanoTime() - t0) / 1e9,
                    killed);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trials per command: {@code -Dwinnow.crash.trials=N} (default 2, to keep the build short). */
    static int trials() {
        return Integer.getInteger("winnow.crash.trials", 2);
    }

    /** The seed of the kill delays: {@code -Dwinnow.crash.seed=S} (default 13). */
    static long seed() {
        return Long.getLong("winnow.crash.seed", 13);
    }
}
