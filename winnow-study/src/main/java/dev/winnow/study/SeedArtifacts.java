package dev.winnow.study;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.AtomicFiles;
import dev.winnow.io.ScoreTable;
import dev.winnow.policy.EpochPolicy;
import dev.winnow.policy.FixedPolicy;
import dev.winnow.policy.FullPolicy;
import dev.winnow.quality.ClassProbabilities;
import dev.winnow.quality.ConfidentLearning;
import dev.winnow.quality.DuplicateGroups;
import dev.winnow.quality.NearDuplicates;
import dev.winnow.quality.UnitFeatures;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;
import dev.winnow.select.Budget;
import dev.winnow.select.Features;
import dev.winnow.select.KeepList;
import dev.winnow.select.Selector;
import dev.winnow.select.Strategy;
import dev.winnow.select.StrategySpec;
import dev.winnow.study.results.ProxyCost;
import dev.winnow.study.results.ScoreCost;
import dev.winnow.study.results.StepCost;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one seed of a study computes once and all its runs share: the training labels (with the seed's label
 * noise), the proxy's dynamics store and its cost, and each score with its cost. Each is written into the
 * {@link StudyFolder} when complete and read back from there on resume, so none is computed twice; a proxy
 * trained again invalidates the scores of the one before.
 */
final class SeedArtifacts {
    /** A score computed for the report (most-forgotten grid, noise detection) even when no method uses it. */
    static final ScoreSpec REPORT_SCORE = ScoreSpec.parse("forgetting");

    private final StudySpec spec;
    private final StudyData data;
    private final StudyFolder folder;
    private final long seed;
    private int[] trainLabels;
    private int flipped;
    private ProxyCost proxy;
    private final Map<ScoreSpec, float[]> scores = new LinkedHashMap<>();
    private final Map<ScoreSpec, ScoreCost> scoreCosts = new LinkedHashMap<>();
    private Features features;

    SeedArtifacts(StudySpec spec, StudyData data, StudyFolder folder, long seed) {
        this.spec = spec;
        this.data = data;
        this.folder = folder;
        this.seed = seed;
        this.proxy = new ProxyCost(0, 0.0, 0, 0, seed);
    }

    long seed() {
        return seed;
    }

    /** The labels the proxy and the targets train with (index order); noisy where the study adds noise. */
    int[] trainLabels() {
        return trainLabels;
    }

    /** How many training labels the noise flipped. */
    int flipped() {
        return flipped;
    }

    /** What the proxy cost (zero when the study trains none). */
    ProxyCost proxy() {
        return proxy;
    }

    /** The scores, in the order computed (the report's extreme examples come from these). */
    Map<ScoreSpec, float[]> scores() {
        return Collections.unmodifiableMap(scores);
    }

    /** What computing {@code score} cost. */
    ScoreCost scoreCost(ScoreSpec score) {
        return scoreCosts.get(score);
    }

    /**
     * The proxy's features of run 0, which the feature strategies select on (read from its store once, then kept).
     *
     * @throws WinnowException when the store holds none, or holds NaN
     */
    Features features() {
        if (features == null) {
            DynamicsStore store = DynamicsStore.open(folder.proxyStore(seed));
            if (!Arrays.equals(store.ids(), data.ids())) {
                throw new WinnowException(folder.proxyStore(seed) + ": the proxy store's example ids differ from the data's");
            }
            features = Features.fromStore(store, 0);
        }
        return features;
    }

    /** Flips the seed's share of labels ({@link LabelNoise}) and writes which ones to {@code noise/seed-S.csv}. */
    void prepareNoise() {
        int[] clean = data.labels();
        trainLabels = LabelNoise.flip(clean, data.ids(), data.classes(), spec.labelNoise(), seed);
        if (spec.labelNoise() == 0) {
            return;
        }
        StringBuilder sb = new StringBuilder("id,label,noisy_label\n");
        long[] ids = data.ids();
        for (int i = 0; i < clean.length; i++) {
            if (clean[i] != trainLabels[i]) {
                flipped++;
                sb.append(ids[i]).append(',').append(clean[i]).append(',').append(trainLabels[i]).append('\n');
            }
        }
        AtomicFiles.writeString(folder.noise(seed), sb.toString());
    }

    /**
     * Trains the seed's proxy unless the folder holds it with its cost. A store without its cost file is from
     * an interrupted run: it is trained again, and the scores of the old one are removed.
     */
    void prepareProxy(StudyEngine.Session session, StudyProgress progress) {
        if (!spec.needsProxy()) {
            return;
        }
        Path costFile = folder.proxyCost(seed);
        Path store = folder.proxyStore(seed);
        if (Files.isRegularFile(costFile) && Files.isDirectory(store)) {
            proxy = StepCost.read(costFile, ProxyCost.class);
            return;
        }
        AtomicFiles.deleteQuietly(store);
        StudyFolder.removeTemporaries(store);
        AtomicFiles.deleteQuietly(folder.scores(seed));
        PhaseTimer timer = PhaseTimer.start();
        KeepList subset = proxySubset();
        progress.say(String.format(Locale.ROOT, "winnow study: seed %d: training %d proxy run(s) of %s for %d epoch(s)%s to record dynamics",
                seed, spec.proxyRuns(), spec.proxyModel() + (spec.proxyHidden().isEmpty() ? "" : " " + spec.proxyHidden()),
                spec.proxyEpochs(), subset == null ? "" : " on " + subset.size() + " of " + data.size() + " examples"));
        EpochPolicy policy = subset == null ? new FullPolicy(data.size()) : FixedPolicy.of(subset, data.ids());
        StudyEngine.Cost c = session.recordProxy(new StudyEngine.ProxyRun(trainLabels, policy, seed, store,
                spec.needsFeatures()));
        PhaseTimer.Lap lap = timer.stop();
        if (!Files.isDirectory(store)) {
            throw new WinnowException("the proxy recorder wrote no dynamics store at " + store);
        }
        // the wall clock is the honest cost; a recorder's own figure can only be smaller
        proxy = new ProxyCost(Math.max(lap.wall(), c.seconds()), lap.cpu(), c.forward(), c.backward(), seed);
        proxy.write(costFile);
        progress.proxyDone();
    }

    /**
     * What the proxy trains on every epoch under {@code proxy-limit} F below 1: the core's random selection of F of the
     * examples under the seed (the ⌊F·N⌋ smallest random keys, as {@code random} keeps them); {@code null} when it
     * trains on every example.
     */
    KeepList proxySubset() {
        if (spec.proxyLimit() >= 1) {
            return null;
        }
        ScoreTable table = new ScoreTable(data.ids(), trainLabels, new float[data.size()]);
        return Selector.select(table, StrategySpec.of(Strategy.RANDOM)
                .options(new Budget.Fraction(spec.proxyLimit()), false, seed));
    }

    /**
     * Computes each score the methods select by from the proxy's store, with the core's scores seeded by the
     * study seed, unless the folder holds it; plus {@link #REPORT_SCORE} for the report where the store can
     * give it (no run is charged for that one).
     */
    void prepareScores(StudyProgress progress) {
        List<ScoreSpec> specs = new ArrayList<>(spec.scoreSpecs());
        if (specs.isEmpty()) {
            return;
        }
        boolean extra = !specs.contains(REPORT_SCORE);
        if (extra) {
            specs.add(REPORT_SCORE);
        }
        DynamicsStore store = DynamicsStore.open(folder.proxyStore(seed));
        if (!Arrays.equals(store.ids(), data.ids())) {
            throw new WinnowException(folder.proxyStore(seed) + ": the proxy store's example ids differ from the data's");
        }
        for (ScoreSpec s : specs) {
            boolean reportOnly = extra && s.equals(REPORT_SCORE);
            Path csv = folder.scoreTable(seed, s);
            Path meta = folder.scoreCost(seed, s);
            if (Files.isRegularFile(csv) && Files.isRegularFile(meta)) {
                scores.put(s, ScoreTable.read(csv).scores());
                scoreCosts.put(s, StepCost.read(meta, ScoreCost.class));
                continue;
            }
            PhaseTimer timer = PhaseTimer.start();
            float[] v;
            try {
                v = s.create(ScoreOptions.defaults().withSeed(seed)).compute(store);
            } catch (RuntimeException e) {
                if (reportOnly) {
                    progress.say("winnow study: (report) no '" + REPORT_SCORE + "' grid: " + e.getMessage());
                    continue;
                }
                throw e;
            }
            PhaseTimer.Lap lap = timer.stop();
            if (v.length != data.size()) {
                throw new WinnowException("score '" + s + "' returned " + v.length + " values for " + data.size() + " examples");
            }
            int nan = firstNaN(v);
            if (nan >= 0) {
                if (reportOnly) {
                    continue;
                }
                throw new WinnowException("score '" + s + "' is NaN for example id " + data.ids()[nan]
                        + " (not observed by the proxy?)");
            }
            new ScoreTable(data.ids(), trainLabels, v).write(csv, true);
            ScoreCost cost = new ScoreCost(s.toString(), seed, lap.wall(), lap.cpu(), reportOnly);
            cost.write(meta);
            scores.put(s, v);
            scoreCosts.put(s, cost);
        }
    }

    /**
     * Which examples (index order) a cleaning step keeps, computed from the proxy's store: {@code dedup} keeps every
     * example in no near-duplicate group and each group's member with the smallest random key under the seed;
     * {@code clean} keeps every example confident learning does not flag (mean softmax over presentations).
     */
    boolean[] cleaned(Method.Cleaned c) {
        DynamicsStore store = DynamicsStore.open(folder.proxyStore(seed));
        int n = store.examples();
        boolean[] keep = new boolean[n];
        if (c.cleaning() == Method.Cleaning.DEDUP) {
            DuplicateGroups g = NearDuplicates.find(UnitFeatures.of(store, 0), store.ids(), c.epsilon(), seed);
            for (int i = 0; i < n; i++) {
                keep[i] = g.keeps(i);
            }
        } else {
            ConfidentLearning.Result r = ConfidentLearning.find(
                    ClassProbabilities.of(store, ClassProbabilities.Source.PRESENTATIONS), store.labels(),
                    store.classes(), store.ids(), folder.proxyStore(seed).toString());
            Arrays.fill(keep, true);
            for (int i : r.flagged()) {
                keep[i] = false;
            }
        }
        return keep;
    }

    private static int firstNaN(float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (Float.isNaN(v[i])) {
                return i;
            }
        }
        return -1;
    }
}
