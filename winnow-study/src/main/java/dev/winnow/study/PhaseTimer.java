package dev.winnow.study;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Times one phase of a study (proxy, scoring, selection, target) in wall seconds and in process CPU seconds.
 * Wall seconds are what a user waits, and depend on what else the machine runs; CPU seconds (all threads,
 * native ones included) much less, so a report can compare methods measured on a busy machine.
 *
 * <pre>{@code
 * PhaseTimer t = PhaseTimer.start();
 * ... the phase ...
 * PhaseTimer.Lap lap = t.stop();   // lap.wall(), lap.cpu()
 * }</pre>
 */
final class PhaseTimer {
    /** Seconds of one phase; {@code cpu} is NaN where the JVM cannot tell. */
    record Lap(double wall, double cpu) {
        /** A phase that did not run. */
        static final Lap NONE = new Lap(0, 0);
    }

    private final long wall0;
    private final double cpu0;

    private PhaseTimer(long wall0, double cpu0) {
        this.wall0 = wall0;
        this.cpu0 = cpu0;
    }

    /** Starts timing now. */
    static PhaseTimer start() {
        return new PhaseTimer(System.nanoTime(), processCpuSeconds());
    }

    /** The seconds since {@link #start()}. */
    Lap stop() {
        return new Lap((System.nanoTime() - wall0) / 1e9, processCpuSeconds() - cpu0);
    }

    /** CPU seconds of this process so far, all threads (native ones included), or NaN where the JVM cannot tell. */
    static double processCpuSeconds() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long t = sun.getProcessCpuTime();
            return t < 0 ? Double.NaN : t / 1e9;
        }
        return Double.NaN;
    }
}
