package dev.winnow.train;

import java.io.PrintWriter;

/**
 * Progress on a stream (the command's stderr): a batch line at most every two seconds
 * (epoch, batch, examples/s), and a summary line per epoch.
 */
public final class Progress implements TrainingObserver {
    private final PrintWriter out;
    private final int runs;
    private int run;
    private int epochs;
    private int epoch;
    private int batches;
    private long epochStart;
    private long lastPrint;
    private long seen;

    public Progress(PrintWriter out, int runs) {
        this.out = out;
        this.runs = runs;
    }

    private String prefix() {
        return runs > 1 ? "[run " + (run + 1) + "/" + runs + "] " : "";
    }

    @Override
    public void onRunStart(RunContext ctx) {
        run = ctx.run();
        epochs = ctx.config().epochs();
        out.printf("%strain: %s, seed %d, %s%n", prefix(), ctx.net().description(), ctx.seed(), ctx.data().description());
        out.flush();
    }

    @Override
    public void onEpochStart(int e, int b, int examples) {
        epoch = e;
        batches = b;
        seen = 0;
        epochStart = System.nanoTime();
        lastPrint = epochStart;
    }

    @Override
    public void onBatch(BatchResult r) {
        seen += r.size();
        long now = System.nanoTime();
        if (now - lastPrint > 2_000_000_000L) {
            lastPrint = now;
            out.printf("%sepoch %d/%d  batch %d/%d  %,.0f examples/s%n", prefix(), epoch, epochs, r.batch() + 1, batches,
                    seen / ((now - epochStart) / 1e9));
            out.flush();
        }
    }

    @Override
    public void onEpochMetrics(EpochMetrics m) {
        out.printf("%sepoch %d/%d  loss %.4f  test accuracy %s  train %.1fs (%,.0f examples/s)  record %.1fs  eval %.1fs%n",
                prefix(), m.epoch(), epochs, m.trainLoss(),
                Double.isNaN(m.testAccuracy()) ? "n/a" : String.format("%.2f%%", 100 * m.testAccuracy()),
                m.trainSeconds(), m.examplesBackward() / Math.max(1e-9, m.trainSeconds()), m.recordSeconds(), m.evalSeconds());
        out.flush();
    }
}
