package dev.winnow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** What every benchmark here needs: the median of its timed repetitions and a scratch folder. */
final class Bench {
    private Bench() {
    }

    /** The median of {@code v} (the mean of the two middle values for an even count); NaN when empty. */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** CPU seconds this process has used so far, all its threads (NaN where the JVM cannot tell). */
    static double processCpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long ns = os.getProcessCpuTime();
            return ns < 0 ? Double.NaN : ns / 1e9;
        }
        return Double.NaN;
    }

    /** A new folder in the temporary directory; the caller deletes it. */
    static Path tempDir() {
        try {
            return Files.createTempDirectory("winnow-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
