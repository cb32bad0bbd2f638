package dev.winnow.study;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress lines of a study, one per finished run, with an ETA over the whole study:
 * {@code [3/10] el2n@2:hard keep 0.30 seed 0: test accuracy 0.8812 (4.1 s) · elapsed 1m05s · ETA 2m10s}.
 *
 * <p>The ETA counts work in units of one full-data training: a run at kept fraction f is f units under the
 * {@code epochs} budget (at least 0.05, for the fixed costs) and 1 under {@code steps}; {@code full:shorter} at f
 * is f; a proxy is its epochs and runs over the target's epochs. Runs finished before a resume count as done, and the rate is measured
 * in this process only.
 */
final class StudyProgress {
    private final StudySpec spec;
    private final PrintWriter out;
    private final int total;
    private final double totalUnits;
    private final long t0 = System.nanoTime();
    private int finished;
    private double doneUnits;
    private double unitsThisSession;

    StudyProgress(StudySpec spec, ResultsLog log, PrintWriter out) {
        this.spec = spec;
        this.out = out;
        this.total = spec.totalRuns();
        double units = 0;
        double done = 0;
        for (long seed : spec.seeds()) {
            units += proxyUnits();
            for (PlannedRun r : PlannedRun.perSeed(spec)) {
                units += units(r);
                if (log.done(r.method().name(), r.keep(), seed)) {
                    done += units(r);
                    finished++;
                }
            }
        }
        totalUnits = units;
        doneUnits = done;
    }

    private double proxyUnits() {
        return spec.needsProxy() ? (double) spec.proxyEpochs() * spec.proxyRuns() / spec.epochs() : 0;
    }

    private double units(PlannedRun r) {
        if (r.method() instanceof Method.Full) {
            return 1;
        }
        if (r.method() instanceof Method.Shorter) {
            return r.keep(); // its steps are the kept fraction of full's, whatever the budget
        }
        return spec.budget() == TrainingBudget.STEPS ? 1 : Math.max(r.keep(), 0.05);
    }

    /** A seed's proxy is trained. */
    void proxyDone() {
        doneUnits += proxyUnits();
        unitsThisSession += proxyUnits();
    }

    /** A run finished: prints its line. */
    void runDone(PlannedRun run, long seed, double accuracy, double seconds) {
        finished++;
        double u = units(run);
        doneUnits += u;
        unitsThisSession += u;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double rate = unitsThisSession > 0 ? elapsed / unitsThisSession : 0;
        double eta = Math.max(0, totalUnits - doneUnits) * rate;
        say(String.format(Locale.ROOT, "[%d/%d] %s keep %.2f seed %d: test accuracy %.4f (%.1f s) · elapsed %s · ETA %s",
                finished, total, run.method().name(), run.keep(), seed, accuracy, seconds, duration(elapsed),
                duration(eta)));
    }

    /** One line as it is, flushed. */
    void say(String line) {
        out.println(line);
        out.flush();
    }

    /** {@code 42s}, {@code 3m05s}, {@code 2h07m}. */
    static String duration(double s) {
        long t = Math.round(s);
        if (t < 60) {
            return t + "s";
        }
        if (t < 3600) {
            return (t / 60) + "m" + String.format(Locale.ROOT, "%02d", t % 60) + "s";
        }
        return (t / 3600) + "h" + String.format(Locale.ROOT, "%02d", (t % 3600) / 60) + "m";
    }
}
