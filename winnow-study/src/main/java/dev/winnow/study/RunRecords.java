package dev.winnow.study;

import dev.winnow.select.KeepList;
import dev.winnow.study.results.ProxyCost;
import dev.winnow.study.results.RunRecord;
import dev.winnow.study.results.ScoreCost;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@link RunRecord} of a finished run of one seed, with every cost charged as if the method ran alone:
 * a score-based method pays the seed's whole proxy and the computation of its score, although the study
 * computes them once and shares them; random selection, dynamic policies and full training pay no proxy. The
 * line carries the run's learning curve with those costs included from its first point.
 */
final class RunRecords {
    /** The record, and the target's training plus evaluation seconds (for the progress line). */
    record Result(RunRecord record, double targetSeconds) {
    }

    private final StudySpec spec;
    private final SeedArtifacts seed;
    private final int n;
    private final String toolVersion;

    RunRecords(StudySpec spec, SeedArtifacts seed, int n, String toolVersion) {
        this.spec = spec;
        this.seed = seed;
        this.n = n;
        this.toolVersion = toolVersion;
    }

    StudySpec spec() {
        return spec;
    }

    /**
     * The record of {@code run}, trained on {@code kept} ({@code epochs}, at most {@code maxSteps} steps, 0 = no
     * limit), timed by {@code selection} and {@code target} (training and evaluation together).
     */
    Result of(PlannedRun run, KeepList kept, PhaseTimer.Lap selection, PhaseTimer.Lap target,
              StudyEngine.TrainOutcome out, int epochs, long maxSteps) {
        Method m = run.method();
        // setup the trainer did not time itself (building the model, copying the subset) is training cost too
        double trainingSeconds = Math.max(out.trainingSeconds(), target.wall() - out.evaluationSeconds());
        ProxyCost proxy = m.needsProxy() ? seed.proxy() : new ProxyCost(0, 0.0, 0, 0, seed.seed());
        ScoreCost score = Method.selecting(m) instanceof Method.Static s && s.needsScore() ? seed.scoreCost(s.score()) : null;
        RunRecord.Counts counts = new RunRecord.Counts(new RunRecord.Passes(proxy.forward(), proxy.backward()),
                new RunRecord.Passes(out.trainForward(), out.trainBackward()), new RunRecord.ForwardPasses(out.evalForward()));
        float[] weights = kept.lossWeights(); // null when unweighted
        RunRecord.Provenance prov = new RunRecord.Provenance(spec.data(), spec.limit(), spec.model(), spec.optimizer(),
                spec.lr(), spec.batchSize(), spec.budget().toString(), maxSteps, spec.proxyEpochs(), spec.proxyRuns(),
                spec.proxyModel(), spec.proxyHidden(), spec.proxyLimit(), spec.evalEvery(),
                spec.labelNoise(), seed.flipped(), parameters(m), allData(m) ? null : classBalanced(m),
                m instanceof Method.Dynamic d ? d.policy().atKeep(run.keep()).toString() : null,
                keepListHash(kept.ids(), weights), weights != null && !allOnes(weights), toolVersion,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Instant.now().toString());
        RunRecord r = new RunRecord(m.name(), scoreName(m), strategyName(m), run.keep(), kept.size(), n, seed.seed(),
                out.testAccuracy(),
                RunRecord.Seconds.of(proxy.seconds(), score == null ? 0 : score.seconds(), selection.wall(),
                        trainingSeconds, out.evaluationSeconds()),
                RunRecord.CpuSeconds.of(proxy.cpuSeconds(), score == null ? 0 : score.cpuSeconds(), selection.cpu(),
                        target.cpu()),
                counts.forward(), counts.backward(), counts, epochs, out.steps(), prov);
        // the curve starts where the target's training starts: after the proxy, the scoring, the selection and
        // the setup the trainer did not time; so its last point is the run's total less its evaluation
        double before = r.seconds().proxy() + r.seconds().scoring() + r.seconds().selection()
                + (trainingSeconds - out.trainingSeconds());
        List<RunRecord.CurvePoint> curve = out.curve().stream().map(p -> p.after(before, proxy.backward())).toList();
        return new Result(r.withCurve(curve), trainingSeconds + out.evaluationSeconds());
    }

    /** Whether the run trains on all the data without a policy of its own: full training and {@code full:shorter}. */
    private static boolean allData(Method m) {
        return m instanceof Method.Full || m instanceof Method.Shorter;
    }

    /** The score a run's line names: the score spec, {@code random}, {@code dynamic}, or none for full training. */
    private static String scoreName(Method m) {
        if (Method.selecting(m) instanceof Method.Static s) {
            return s.score() == null ? null : s.score().toString();
        }
        return allData(m) ? null : m instanceof Method.Dynamic ? "dynamic" : Method.RANDOM;
    }

    /** The strategy a run's line names: the strategy, {@code random}, {@code dynamic}, or none for full training. */
    private static String strategyName(Method m) {
        if (Method.selecting(m) instanceof Method.Static s) {
            return s.strategy().strategy().cliName();
        }
        return allData(m) ? null : m instanceof Method.Dynamic ? "dynamic" : Method.RANDOM;
    }

    private static List<Double> parameters(Method m) {
        return Method.selecting(m) instanceof Method.Static s ? s.writtenParameters() : null;
    }

    private static boolean classBalanced(Method m) {
        return Method.selecting(m) instanceof Method.Static s && s.classBalanced();
    }

    private static boolean allOnes(float[] w) {
        for (float x : w) {
            if (x != 1f) {
                return false;
            }
        }
        return true;
    }

    /** SHA-256 (first 16 hex digits) over the kept ids and weights: the keep-list's fingerprint. */
    static String keepListHash(long[] ids, float[] weights) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(12);
            for (int i = 0; i < ids.length; i++) {
                b.clear();
                b.putLong(ids[i]).putFloat(weights == null ? 1f : weights[i]);
                md.update(b.array());
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
