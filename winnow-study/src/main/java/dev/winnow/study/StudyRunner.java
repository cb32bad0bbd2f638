package dev.winnow.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.AtomicFiles;
import dev.winnow.io.ScoreTable;
import dev.winnow.study.results.RunRecord;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a study into a folder: per seed, label noise (if any), proxy dynamics once, each score once, the
 * full baseline, then every (method, kept fraction); one line per finished run in {@code results.jsonl}.
 *
 * <p>Folder layout: {@code study.json} (the spec), {@code results.jsonl}, {@code proxy/seed-S/} (the
 * dynamics store) with {@code proxy/seed-S.json} (its cost), {@code scores/seed-S/NAME.csv} + {@code .json}
 * (scores and their cost), {@code noise/seed-S.csv} (flipped labels), {@code examples.json} (pixels or text
 * of the extreme examples, for the report), {@code report.html}.
 *
 * <p>Cost accounting: each run's {@code seconds} charges everything the method needs as if it ran alone —
 * a score-based method pays the whole proxy and its scoring, even though the study computes them once.
 */
public final class StudyRunner {
    /** How to treat an existing study folder. */
    public enum Mode { NEW, RESUME, FORCE }

    /** A score computed for the report (most-forgotten grid, noise detection) even when no method uses it. */
    static final String REPORT_SCORE = "forgetting";

    private static boolean hasNaN(float[] v) {
        for (float x : v) {
            if (Float.isNaN(x)) {
                return true;
            }
        }
        return false;
    }

    /** Examples kept per extreme in {@code examples.json} (the report's grids). */
    public static final int GRID = 24;

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
     * Checks, without touching anything, that {@code spec} may run in {@code dir} under {@code mode}, and
     * returns the spec to run: with {@link Mode#RESUME} and a null spec, the one stored in the folder.
     */
    public static StudySpec check(StudySpec spec, Path dir, Mode mode) {
        return prepare(spec, dir, mode, false);
    }

    /** {@link #check}, then with {@link Mode#FORCE} removes the old study. */
    public static StudySpec prepare(StudySpec spec, Path dir, Mode mode) {
        return prepare(spec, dir, mode, true);
    }

    private static StudySpec prepare(StudySpec spec, Path dir, Mode mode, boolean act) {
        Path studyJson = dir.resolve("study.json");
        boolean exists = Files.isDirectory(dir) && !isEmptyDir(dir);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new WinnowException(dir + ": exists and is not a folder");
        }
        switch (mode) {
            case NEW -> {
                if (exists) {
                    throw new WinnowException(dir + ": already exists (use --resume to continue that study, or --force to start it over)");
                }
            }
            case FORCE -> {
                if (exists) {
                    if (!Files.isRegularFile(studyJson)) {
                        throw new WinnowException(dir + ": is not empty and holds no study.json; --force only replaces a study folder");
                    }
                    if (act) {
                        AtomicFiles.deleteTree(dir);
                    }
                }
            }
            case RESUME -> {
                if (!Files.isRegularFile(studyJson)) {
                    throw new WinnowException(dir + ": no study to resume (no study.json there)");
                }
                StudySpec stored = StudySpec.read(studyJson);
                if (spec == null) {
                    return stored;
                }
                String key = stored.differingSetting(spec);
                if (key != null) {
                    throw new WinnowException(dir + ": --resume with a different " + key + " (the study has "
                            + text(stored.settings().get(key)) + ", now " + text(spec.settings().get(key))
                            + "); use a new folder or --force");
                }
            }
            default -> throw new AssertionError(mode);
        }
        if (spec == null) {
            throw new WinnowException("no study spec given");
        }
        return spec;
    }

    private static String text(JsonNode n) {
        return n == null ? "none" : n.isTextual() ? n.asText() : n.toString();
    }

    private static boolean isEmptyDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new WinnowException(dir + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Runs (or resumes) the study in {@code dir}; see {@link #prepare}. */
    public Summary run(StudySpec requested, Path dir, Mode mode) {
        StudySpec spec = prepare(requested, dir, mode);
        for (String s : spec.scoreSpecs()) {
            try {
                engine.scorer().validate(s);
            } catch (IllegalArgumentException e) {
                throw new WinnowException("score '" + s + "': " + e.getMessage(), e);
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new WinnowException(dir + ": cannot create (" + e.getMessage() + ")", e);
        }
        AtomicFiles.writeString(dir.resolve("study.json"), spec.toJson());
        ResultsLog log = ResultsLog.open(dir.resolve("results.jsonl"));
        if (log.repaired()) {
            say("winnow study: ignored a torn last line in results.jsonl (that run is done again)");
        }
        long started = System.nanoTime();
        say("winnow study: loading " + spec.data() + (spec.limit() > 0 ? " (first " + spec.limit() + ")" : ""));
        StudyData data = engine.loader().load(spec);
        Progress prog = new Progress(spec, log);
        int done = 0;
        int skipped = 0;
        boolean examplesWritten = Files.exists(dir.resolve("examples.json"));
        for (long seed : spec.seeds()) {
            SeedContext ctx = new SeedContext(spec, data, seed, dir);
            if (ctx.allDone(log)) {
                skipped += spec.totalRuns() / spec.seeds().size();
                continue;
            }
            ctx.prepareNoise();
            ctx.prepareProxy(prog);
            ctx.prepareScores();
            if (!examplesWritten && !ctx.scores.isEmpty()) {
                writeExamples(dir, data, ctx);
                examplesWritten = true;
            }
            if (log.done(MethodSpec.FULL, 1.0, seed)) {
                skipped++;
            } else {
                runOne(ctx, null, 1.0, log, prog);
                done++;
            }
            for (MethodSpec m : spec.methods()) {
                for (double keep : m.keeps(spec.keep())) {
                    if (log.done(m.name(), keep, seed)) {
                        skipped++;
                        continue;
                    }
                    runOne(ctx, m, keep, log, prog);
                    done++;
                }
            }
        }
        double secs = (System.nanoTime() - started) / 1e9;
        say(String.format(Locale.ROOT, "winnow study: %d runs done, %d already finished, %s", done, skipped, Progress.duration(secs)));
        return new Summary(spec, spec.totalRuns(), done, skipped, secs);
    }

    private void say(String line) {
        progress.println(line);
        progress.flush();
    }

    /** Per-seed state: training labels, proxy store and its cost, scores and their costs. */
    private final class SeedContext {
        final StudySpec spec;
        final StudyData data;
        final long seed;
        final Path dir;
        int[] trainLabels;
        int flipped;
        StudyEngine.Cost proxyCost = new StudyEngine.Cost(0, 0, 0);
        double proxyCpu;
        final Map<String, Double> scoreCpu = new LinkedHashMap<>();
        final Map<String, float[]> scores = new LinkedHashMap<>();
        final Map<String, Double> scoreSeconds = new LinkedHashMap<>();

        SeedContext(StudySpec spec, StudyData data, long seed, Path dir) {
            this.spec = spec;
            this.data = data;
            this.seed = seed;
            this.dir = dir;
        }

        boolean allDone(ResultsLog log) {
            if (!log.done(MethodSpec.FULL, 1.0, seed)) {
                return false;
            }
            for (MethodSpec m : spec.methods()) {
                for (double k : m.keeps(spec.keep())) {
                    if (!log.done(m.name(), k, seed)) {
                        return false;
                    }
                }
            }
            return true;
        }

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
            AtomicFiles.writeString(dir.resolve("noise").resolve("seed-" + seed + ".csv"), sb.toString());
        }

        Path storeDir() {
            return dir.resolve("proxy").resolve("seed-" + seed);
        }

        void prepareProxy(Progress prog) {
            if (!spec.needsProxy()) {
                return;
            }
            Path costFile = dir.resolve("proxy").resolve("seed-" + seed + ".json");
            Path store = storeDir();
            if (Files.isRegularFile(costFile) && Files.isDirectory(store)) {
                JsonNode c = readJson(costFile);
                proxyCost = new StudyEngine.Cost(c.path("seconds").asDouble(), c.path("forward").asLong(), c.path("backward").asLong());
                proxyCpu = c.path("cpu_seconds").asDouble(Double.NaN);
                return;
            }
            AtomicFiles.deleteQuietly(store);
            removeTemporaries(store);
            // scores of an earlier proxy of this seed (if any) do not belong to the one trained now
            AtomicFiles.deleteQuietly(dir.resolve("scores").resolve("seed-" + seed));
            say(String.format(Locale.ROOT, "winnow study: seed %d: training %d proxy run(s) for %d epoch(s) to record dynamics",
                    seed, spec.proxyRuns(), spec.proxyEpochs()));
            long t0 = System.nanoTime();
            double cpu0 = processCpuSeconds();
            StudyEngine.Cost c = engine.proxy().record(data, trainLabels, spec, seed, store);
            double wall = (System.nanoTime() - t0) / 1e9;
            proxyCpu = processCpuSeconds() - cpu0;
            if (!Files.isDirectory(store)) {
                throw new WinnowException("the proxy recorder wrote no dynamics store at " + store);
            }
            // the wall clock is the honest cost; a recorder's own figure can only be smaller
            proxyCost = new StudyEngine.Cost(Math.max(wall, c.seconds()), c.forward(), c.backward());
            ObjectNode n = ResultsLog.JSON.createObjectNode();
            n.put("seconds", proxyCost.seconds());
            n.put("cpu_seconds", proxyCpu);
            n.put("forward", proxyCost.forward());
            n.put("backward", proxyCost.backward());
            n.put("seed", seed);
            AtomicFiles.writeString(costFile, n.toPrettyString() + "\n");
            prog.proxyDone(proxyCost.seconds());
        }

        void prepareScores() {
            List<String> specs = new ArrayList<>(spec.scoreSpecs());
            if (specs.isEmpty()) {
                return;
            }
            // the report's "most forgotten" grid needs forgetting even when no method uses it; it costs no
            // method anything (no run is charged for it) and is skipped where the store cannot give it
            boolean extra = !specs.contains(REPORT_SCORE);
            if (extra) {
                specs.add(REPORT_SCORE);
            }
            DynamicsStore store = DynamicsStore.open(storeDir());
            if (!Arrays.equals(store.ids(), data.ids())) {
                throw new WinnowException(storeDir() + ": the proxy store's example ids differ from the data's");
            }
            Path sdir = dir.resolve("scores").resolve("seed-" + seed);
            for (String s : specs) {
                Path csv = sdir.resolve(fileName(s) + ".csv");
                Path meta = sdir.resolve(fileName(s) + ".json");
                if (Files.isRegularFile(csv) && Files.isRegularFile(meta)) {
                    scores.put(s, ScoreTable.read(csv).scores());
                    scoreSeconds.put(s, readJson(meta).path("seconds").asDouble());
                    scoreCpu.put(s, readJson(meta).path("cpu_seconds").asDouble(Double.NaN));
                    continue;
                }
                long t0 = System.nanoTime();
                double cpu0 = processCpuSeconds();
                float[] v;
                try {
                    v = engine.scorer().score(s, store, seed);
                } catch (RuntimeException e) {
                    if (extra && s.equals(REPORT_SCORE)) {
                        say("winnow study: (report) no '" + REPORT_SCORE + "' grid: " + e.getMessage());
                        continue;
                    }
                    throw e;
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                double cpu = processCpuSeconds() - cpu0;
                if (v.length != data.size()) {
                    throw new WinnowException("score '" + s + "' returned " + v.length + " values for " + data.size() + " examples");
                }
                if (extra && s.equals(REPORT_SCORE) && hasNaN(v)) {
                    continue;
                }
                for (int i = 0; i < v.length; i++) {
                    if (Float.isNaN(v[i])) {
                        throw new WinnowException("score '" + s + "' is NaN for example id " + data.ids()[i]
                                + " (not observed by the proxy?)");
                    }
                }
                new ScoreTable(data.ids(), trainLabels, v).write(csv, true);
                ObjectNode n = ResultsLog.JSON.createObjectNode();
                n.put("score", s);
                n.put("seed", seed);
                n.put("seconds", secs);
                n.put("cpu_seconds", cpu);
                n.put("report_only", extra && s.equals(REPORT_SCORE));
                AtomicFiles.writeString(meta, n.toPrettyString() + "\n");
                scores.put(s, v);
                scoreSeconds.put(s, secs);
                scoreCpu.put(s, cpu);
            }
        }
    }

    /**
     * CPU seconds of this process so far, all threads (native ones included), or NaN where the JVM cannot
     * tell. Wall seconds depend on what else the machine runs; CPU seconds much less.
     */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long t = sun.getProcessCpuTime();
            return t < 0 ? Double.NaN : t / 1e9;
        }
        return Double.NaN;
    }

    /** Removes what an interrupted writer of {@code target} left beside it ({@code .NAME.*} temporaries). */
    static void removeTemporaries(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".";
        try (Stream<Path> s = Files.list(parent)) {
            s.filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException e) {
            // leftovers are harmless; the study goes on
        }
    }

    /** A score spec as a file name: {@code el2n@2} → {@code el2n_2}. */
    public static String fileName(String scoreSpec) {
        return scoreSpec.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static JsonNode readJson(Path p) {
        try {
            return ResultsLog.JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new WinnowException(p + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private void runOne(SeedContext ctx, MethodSpec m, double keep, ResultsLog log, Progress prog) {
        StudySpec spec = ctx.spec;
        StudyData data = ctx.data;
        int n = data.size();
        String name = m == null ? MethodSpec.FULL : m.name();
        dev.winnow.select.KeepList kept;
        double selectionSeconds = 0;
        double selectionCpu = 0;
        if (m == null || m.strategy().equals("dynamic")) {
            kept = dev.winnow.select.KeepList.given("the whole training set", data.ids(), null);
        } else {
            float[] s = m.needsScore() ? ctx.scores.get(m.score()) : null;
            long t0 = System.nanoTime();
            double cpu0 = processCpuSeconds();
            kept = engine.selector().select(m, s, ctx.trainLabels, data.ids(), keep, ctx.seed);
            selectionSeconds = (System.nanoTime() - t0) / 1e9;
            selectionCpu = processCpuSeconds() - cpu0;
        }
        long[] ids = kept.ids();
        float[] weights = kept.lossWeights(); // null when unweighted
        int k = ids.length;
        long stepsPerEpochFull = ceilDiv(n, spec.batchSize());
        int epochs = spec.epochs();
        long maxSteps = 0;
        boolean dynamic = m != null && m.strategy().equals("dynamic");
        if (spec.budget() == Budget.STEPS && m != null && !dynamic) {
            maxSteps = spec.epochs() * stepsPerEpochFull;
            epochs = (int) ceilDiv(maxSteps, ceilDiv(k, spec.batchSize()));
        }
        long tTrain = System.nanoTime();
        double cpuTrain0 = processCpuSeconds();
        StudyEngine.TrainOutcome out = engine.trainer().train(new StudyEngine.TrainRequest(data, ctx.trainLabels, kept,
                ctx.seed, spec, epochs, maxSteps, dynamic ? dev.winnow.policy.PolicySpec.parse(m.policyAt(keep)) : null));
        double wall = (System.nanoTime() - tTrain) / 1e9;
        double targetCpu = processCpuSeconds() - cpuTrain0;
        // setup the trainer did not time itself (building the model, copying the subset) is training cost too
        double trainingSeconds = Math.max(out.trainingSeconds(), wall - out.evaluationSeconds());
        boolean proxy = m != null && m.needsProxy();
        double proxySecs = proxy ? ctx.proxyCost.seconds() : 0;
        double scoringSecs = m != null && m.needsScore() ? ctx.scoreSeconds.get(m.score()) : 0;

        double pc = proxy ? ctx.proxyCpu : 0;
        double sc = m != null && m.needsScore() ? ctx.scoreCpu.getOrDefault(m.score(), Double.NaN) : 0;
        long pf = proxy ? ctx.proxyCost.forward() : 0;
        long pb = proxy ? ctx.proxyCost.backward() : 0;
        RunRecord.Counts counts = new RunRecord.Counts(new RunRecord.Passes(pf, pb),
                new RunRecord.Passes(out.trainForward(), out.trainBackward()), new RunRecord.ForwardPasses(out.evalForward()));
        RunRecord.Provenance prov = new RunRecord.Provenance(spec.data(), spec.limit(), spec.model(), spec.optimizer(),
                spec.lr(), spec.batchSize(), spec.budget().toString(), maxSteps, spec.proxyEpochs(), spec.proxyRuns(),
                spec.labelNoise(), ctx.flipped, m == null ? null : m.params(), m == null ? null : m.classBalanced(),
                dynamic ? m.policyAt(keep) : null, keepListHash(ids, weights), weights != null && !allOnes(weights),
                toolVersion, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Instant.now().toString());
        RunRecord r = new RunRecord(name, m == null ? null : m.score(), m == null ? null : m.strategy(), keep, k, n,
                ctx.seed, out.testAccuracy(),
                RunRecord.Seconds.of(proxySecs, scoringSecs, selectionSeconds, trainingSeconds, out.evaluationSeconds()),
                RunRecord.CpuSeconds.of(pc, sc, selectionCpu, targetCpu), counts.forward(), counts.backward(), counts,
                epochs, out.steps(), prov);
        log.append(r);
        prog.runDone(name, keep, ctx.seed, out.testAccuracy(), trainingSeconds + out.evaluationSeconds());
    }

    private static boolean allOnes(float[] w) {
        for (float x : w) {
            if (x != 1f) {
                return false;
            }
        }
        return true;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
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

    /** Writes pixels or text of the extreme examples of every score (first seed with scores), for the report. */
    private static void writeExamples(Path dir, StudyData data, SeedContext ctx) {
        Set<Integer> wanted = new LinkedHashSet<>();
        ObjectNode root = ResultsLog.JSON.createObjectNode();
        root.put("seed", ctx.seed);
        root.put("data", data.name());
        ArrayNode cn = root.putArray("class_names");
        data.classNames().forEach(cn::add);
        int[] shape = data.imageShape();
        boolean text = shape == null && data.size() > 0 && data.text(0) != null;
        root.put("kind", shape != null ? "image" : text ? "text" : "none");
        if (shape != null) {
            root.putArray("shape").add(shape[0]).add(shape[1]);
        }
        if (shape == null && !text) {
            AtomicFiles.writeString(dir.resolve("examples.json"), root.toString());
            return;
        }
        for (float[] s : ctx.scores.values()) {
            Integer[] order = new Integer[s.length];
            for (int i = 0; i < s.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(s[b], s[a]));
            for (int j = 0; j < Math.min(GRID, s.length); j++) {
                wanted.add(order[j]);
                wanted.add(order[s.length - 1 - j]);
            }
        }
        ObjectNode ex = root.putObject("examples");
        int[] clean = data.labels();
        long[] ids = data.ids();
        List<Integer> sorted = new ArrayList<>(wanted);
        sorted.sort(null);
        for (int i : sorted) {
            ObjectNode e = ex.putObject(Long.toString(ids[i]));
            e.put("label", clean[i]);
            e.put("train_label", ctx.trainLabels[i]);
            if (shape != null) {
                float[] px = data.image(i);
                byte[] b = new byte[px.length];
                for (int p = 0; p < px.length; p++) {
                    b[p] = (byte) Math.round(Math.max(0, Math.min(1, px[p])) * 255);
                }
                e.put("pixels", Base64.getEncoder().encodeToString(b));
            } else {
                e.put("text", data.text(i));
            }
        }
        AtomicFiles.writeString(dir.resolve("examples.json"), root.toString());
    }

    /** Progress over the whole study, with an ETA from the work done so far in this process. */
    private final class Progress {
        final int total;
        int finished;
        final double totalUnits;
        double doneUnits;
        final StudySpec spec;
        final long t0 = System.nanoTime();
        double unitsThisSession;

        Progress(StudySpec spec, ResultsLog log) {
            this.spec = spec;
            this.total = spec.totalRuns();
            double units = 0;
            double done = 0;
            for (long seed : spec.seeds()) {
                units += proxyUnits() + 1;
                done += log.done(MethodSpec.FULL, 1.0, seed) ? 1 : 0;
                for (MethodSpec m : spec.methods()) {
                    for (double k : m.keeps(spec.keep())) {
                        units += units(k);
                        if (log.done(m.name(), k, seed)) {
                            done += units(k);
                            finished++;
                        }
                    }
                }
                if (log.done(MethodSpec.FULL, 1.0, seed)) {
                    finished++;
                }
            }
            totalUnits = units;
            doneUnits = done;
        }

        double proxyUnits() {
            return spec.needsProxy() ? (double) spec.proxyEpochs() * spec.proxyRuns() / spec.epochs() : 0;
        }

        double units(double keep) {
            return spec.budget() == Budget.STEPS ? 1 : Math.max(keep, 0.05);
        }

        void proxyDone(double secs) {
            doneUnits += proxyUnits();
            unitsThisSession += proxyUnits();
        }

        void runDone(String method, double keep, long seed, double acc, double secs) {
            finished++;
            double u = method.equals(MethodSpec.FULL) ? 1 : units(keep);
            doneUnits += u;
            unitsThisSession += u;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double rate = unitsThisSession > 0 ? elapsed / unitsThisSession : 0;
            double eta = Math.max(0, totalUnits - doneUnits) * rate;
            say(String.format(Locale.ROOT, "[%d/%d] %s keep %.2f seed %d: test accuracy %.4f (%.1f s) · elapsed %s · ETA %s",
                    finished, total, method, keep, seed, acc, secs, duration(elapsed), duration(eta)));
        }

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
}
