package dev.winnow.study;

import dev.winnow.WinnowException;
import dev.winnow.io.FolderLock;
import dev.winnow.io.ScoreTable;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.policy.FixedPolicy;
import dev.winnow.policy.FullPolicy;
import dev.winnow.policy.StepLimitedPolicy;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;
import dev.winnow.select.Budget;
import dev.winnow.select.FeatureSelector;
import dev.winnow.select.KeepList;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.Selector;
import dev.winnow.select.StrategySpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs a study into a {@link StudyFolder}: per seed, label noise (if any), proxy dynamics once, each score
 * once ({@link SeedArtifacts}), the full baseline, every (method, kept fraction), then {@code full:shorter} at
 * each kept fraction the methods use ({@link PlannedRun}); one line per finished run, with its learning curve,
 * in {@code results.jsonl} ({@link RunRecords}). Scores, selection and the policy each run trains with are
 * the core's; the {@link StudyEngine} trains and evaluates.
 *
 * <p>What each run trains with: full data → {@link FullPolicy}; {@code full:shorter} at kept fraction f → all the
 * data under a {@link StepLimitedPolicy} of ⌈f · steps of full⌉ steps, over the epochs they span (so the schedule
 * keeps its shape); a static method → its keep-list ({@link Selector#select}) as a {@link FixedPolicy}, under the
 * {@code steps} budget a {@link StepLimitedPolicy} with the optimizer steps of full training; a dynamic method →
 * its policy at the run's kept fraction.
 */
public final class StudyRunner {
    private final StudyEngine engine;
    private final PrintWriter progress;
    private final String toolVersion;

    public StudyRunner(StudyEngine engine, PrintWriter progress, String toolVersion) {
        this.engine = engine;
        this.progress = progress;
        this.toolVersion = toolVersion;
    }

    /** What a run of the runner did. */
    public record Summary(StudySpec spec, int runsTotal, int runsDone, int runsSkipped, double seconds) {
    }

    /**
     * Runs (or resumes) the study in {@code dir}; see {@link StudyFolder#prepare}. What the spec asks is checked
     * before anything is written (with {@link StudyFolder.Mode#FORCE}, before the old study is removed): its
     * scores can be built, and the engine has its models ({@link StudyEngine#check}).
     *
     * @throws IllegalArgumentException when the engine refuses the spec (one line naming the setting)
     */
    public Summary run(StudySpec requested, Path dir, StudyFolder.Mode mode) {
        StudyFolder folder = new StudyFolder(dir);
        if (requested != null) {
            check(requested);
        }
        try (FolderLock lock = folder.lock()) {
            return run(requested, folder, mode);
        }
    }

    private Summary run(StudySpec requested, StudyFolder folder, StudyFolder.Mode mode) {
        StudySpec spec = folder.prepare(requested, mode);
        if (requested == null) {
            check(spec);
        }
        folder.create(spec);
        ResultsLog log = ResultsLog.open(folder.results());
        StudyProgress prog = new StudyProgress(spec, log, progress);
        if (log.repaired()) {
            prog.say("winnow study: ignored a torn last line in results.jsonl (that run is done again)");
        }
        long started = System.nanoTime();
        prog.say("winnow study: loading " + spec.data() + (spec.limit() > 0 ? " (first " + spec.limit() + ")" : ""));
        int done = 0;
        int skipped = 0;
        try (StudyEngine.Session session = engine.open(spec)) {
            StudyData data = session.data();
            boolean examplesWritten = Files.exists(folder.examples());
            for (long seed : spec.seeds()) {
                if (PlannedRun.perSeed(spec).stream().allMatch(r -> done(log, r, seed))) {
                    skipped += spec.totalRuns() / spec.seeds().size();
                    continue;
                }
                SeedArtifacts seedArtifacts = new SeedArtifacts(spec, data, folder, seed);
                seedArtifacts.prepareNoise();
                seedArtifacts.prepareProxy(session, prog);
                seedArtifacts.prepareScores(prog);
                if (!examplesWritten && !seedArtifacts.scores().isEmpty()) {
                    ExamplePicker.of(data, seed, seedArtifacts.trainLabels(), seedArtifacts.scores().values())
                            .write(folder.examples());
                    examplesWritten = true;
                }
                RunRecords records = new RunRecords(spec, seedArtifacts, data.size(), toolVersion);
                for (PlannedRun r : PlannedRun.perSeed(spec)) {
                    if (done(log, r, seed)) {
                        skipped++;
                        continue;
                    }
                    runOne(session, seedArtifacts, records, r, log, prog);
                    done++;
                }
            }
        }
        double secs = (System.nanoTime() - started) / 1e9;
        prog.say(String.format(Locale.ROOT, "winnow study: %d runs done, %d already finished, %s", done, skipped,
                StudyProgress.duration(secs)));
        return new Summary(spec, spec.totalRuns(), done, skipped, secs);
    }

    private void check(StudySpec spec) {
        for (ScoreSpec s : spec.scoreSpecs()) {
            try {
                s.create(ScoreOptions.defaults());
            } catch (IllegalArgumentException e) {
                throw new WinnowException("score '" + s + "': " + e.getMessage(), e);
            }
        }
        engine.check(spec);
    }

    private static boolean done(ResultsLog log, PlannedRun r, long seed) {
        return log.done(r.method().name(), r.keep(), seed);
    }

    /** Selects (static methods), builds the run's policy, trains and evaluates the target, and logs the run. */
    private void runOne(StudyEngine.Session session, SeedArtifacts seed, RunRecords records, PlannedRun run,
                        ResultsLog log, StudyProgress prog) {
        StudySpec spec = records.spec();
        StudyData data = session.data();
        int n = data.size();
        Method m = run.method();
        KeepList kept;
        PhaseTimer.Lap selection = PhaseTimer.Lap.NONE;
        if (m instanceof Method.Static || m instanceof Method.Random || m instanceof Method.Cleaned) {
            PhaseTimer timer = PhaseTimer.start();
            kept = select(m, seed, data.ids(), run.keep());
            selection = timer.stop();
        } else {
            kept = KeepList.given("the whole training set", data.ids(), null);
        }
        int epochs = spec.epochs();
        long fullSteps = TrainingBudget.fullSteps(spec.epochs(), n, spec.batchSize());
        long stepsPerEpoch = TrainingBudget.ceilDiv(n, spec.batchSize());
        long maxSteps = 0;
        EpochPolicy policy;
        if (m instanceof Method.Full) {
            policy = new FullPolicy(n);
        } else if (m instanceof Method.Shorter) {
            // all the data for ⌈keep · steps of full⌉ steps: as many epochs as they span, the last one cut short
            maxSteps = TrainingBudget.shorterSteps(run.keep(), fullSteps);
            epochs = (int) TrainingBudget.ceilDiv(maxSteps, stepsPerEpoch);
            policy = new StepLimitedPolicy(new FullPolicy(n), spec.batchSize(), maxSteps, seed.seed());
        } else if (m instanceof Method.Dynamic d) {
            policy = d.policy().atKeep(run.keep()).build(n, seed.seed());
        } else {
            policy = FixedPolicy.of(kept, data.ids());
            if (spec.budget() == TrainingBudget.STEPS) {
                // as many optimizer steps as full training: epochs over the k kept until they are spent
                maxSteps = fullSteps;
                epochs = (int) TrainingBudget.ceilDiv(maxSteps, TrainingBudget.ceilDiv(kept.size(), spec.batchSize()));
                policy = new StepLimitedPolicy(policy, spec.batchSize(), maxSteps, seed.seed());
            }
        }
        PhaseTimer timer = PhaseTimer.start();
        StudyEngine.TrainOutcome out = session.train(new StudyEngine.TargetRun(seed.trainLabels(), policy, epochs, seed.seed()));
        PhaseTimer.Lap target = timer.stop();
        RunRecords.Result result = records.of(run, kept, selection, target, out, epochs, maxSteps);
        log.append(result.record());
        prog.runDone(run, seed.seed(), out.testAccuracy(), result.targetSeconds());
    }

    /** The core's selection for a static or random method at kept fraction {@code keep}. */
    private static KeepList select(Method m, SeedArtifacts seed, long[] ids, double keep) {
        if (m instanceof Method.Cleaned c) {
            return selectCleaned(c, seed, ids, keep);
        }
        StrategySpec strategy;
        boolean classBalanced = false;
        float[] scores = null;
        if (m instanceof Method.Static s) {
            strategy = s.strategy();
            classBalanced = s.classBalanced();
            scores = s.needsScore() ? seed.scores().get(s.score()) : null;
        } else {
            strategy = ((Method.Random) m).strategy();
        }
        // random selection reads no scores
        ScoreTable table = new ScoreTable(ids, seed.trainLabels(), scores != null ? scores : new float[ids.length]);
        SelectOptions options = strategy.options(new Budget.Fraction(keep), classBalanced, seed.seed());
        if (m instanceof Method.Static s && s.needsFeatures()) {
            return FeatureSelector.select(table, seed.features(), options);
        }
        return Selector.select(table, options);
    }

    /**
     * A cleaned method's keep-list: the cleaning's survivors, then its selection of k = ⌊keep·N⌋ of them (all of
     * them when fewer are left), with the seed's scores and labels restricted to the survivors.
     */
    private static KeepList selectCleaned(Method.Cleaned c, SeedArtifacts seed, long[] ids, double keep) {
        boolean[] kept = seed.cleaned(c);
        int left = 0;
        for (boolean b : kept) {
            left += b ? 1 : 0;
        }
        long[] subIds = new long[left];
        int[] subLabels = new int[left];
        float[] subScores = new float[left];
        Method.Static s = c.then() instanceof Method.Static st ? st : null;
        float[] scores = s != null && s.needsScore() ? seed.scores().get(s.score()) : null;
        for (int i = 0, j = 0; i < ids.length; i++) {
            if (kept[i]) {
                subIds[j] = ids[i];
                subLabels[j] = seed.trainLabels()[i];
                subScores[j++] = scores == null ? 0f : scores[i];
            }
        }
        int k = (int) Math.max(1, Math.floor(keep * ids.length));
        if (k >= left) {
            return KeepList.given(c.name() + ": every example left after cleaning", subIds, null);
        }
        StrategySpec strategy = s != null ? s.strategy() : ((Method.Random) c.then()).strategy();
        ScoreTable table = new ScoreTable(subIds, subLabels, subScores);
        return Selector.select(table, strategy.options(new Budget.Count(k), s != null && s.classBalanced(), seed.seed()));
    }
}
