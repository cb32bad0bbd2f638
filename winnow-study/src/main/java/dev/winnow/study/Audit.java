package dev.winnow.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.AtomicFiles;
import dev.winnow.quality.ClassProbabilities;
import dev.winnow.quality.ConfidentLearning;
import dev.winnow.quality.DataMap;
import dev.winnow.quality.DuplicateGroups;
import dev.winnow.quality.NearDuplicates;
import dev.winnow.quality.Outliers;
import dev.winnow.quality.UnitFeatures;
import dev.winnow.study.report.AuditModel;
import dev.winnow.study.report.AuditPage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code winnow audit}: what a person checks before training, from one dynamics store — label issues by
 * confident learning ({@code label-issues.csv}: {@code id,label,suggested_label,quality}), near-duplicate
 * groups ({@code duplicates.csv}), outliers ({@code outliers.csv}), class balance and the data map, with
 * {@code audit.html} showing them and {@code audit.json} the numbers. The folder appears whole or not at all.
 */
public final class Audit {
    private Audit() {
    }

    /**
     * How to audit.
     *
     * @param probabilities which probabilities confident learning reads
     * @param epsilon       the near-duplicate threshold ε (cos ≥ 1 − ε), in (0, 2)
     * @param featureRun    the run whose features find duplicates and outliers
     * @param seed          the seed of the duplicate search's partition and of which group member is kept
     */
    public record Options(ClassProbabilities.Source probabilities, double epsilon, int featureRun, long seed) {
        public Options {
            NearDuplicates.checkEpsilon(epsilon);
            if (featureRun < 0) {
                throw new IllegalArgumentException("--feature-run must be >= 0, got " + featureRun);
            }
        }
    }

    /** The examples farthest from their class centre that the page shows and the CSV ranks first. */
    static final int OUTLIERS_SHOWN = 24;
    /** Duplicate groups the page shows. */
    static final int GROUPS_SHOWN = 12;

    /** What an audit found: the page model and the full tables behind it. */
    public record Found(AuditModel model, ConfidentLearning.Result labels, DuplicateGroups duplicates,
                        Outliers outliers) {
    }

    /**
     * Audits {@code store}; {@code data} (may be {@code null}) gives the pixels or text of the examples shown,
     * matched by id. Fails in one line on a store without logits, probabilities that are not finite, or a class
     * with one example; a store without features gets no duplicates and no outliers (the page says so).
     */
    public static Found run(DynamicsStore store, StudyData data, Options o) {
        int[] labels = store.labels();
        long[] ids = store.ids();
        int c = store.classes();
        float[] p = ClassProbabilities.of(store, o.probabilities());
        ConfidentLearning.Result cl = ConfidentLearning.find(p, labels, c, ids, store.dir().resolve("logits.npy").toString());
        DuplicateGroups groups = null;
        Outliers outliers = null;
        String dupNote = null;
        if (store.features().isPresent()) {
            UnitFeatures f = UnitFeatures.of(store, o.featureRun());
            groups = NearDuplicates.find(f, ids, o.epsilon(), o.seed());
            outliers = Outliers.of(f, labels, c);
        } else {
            dupNote = "The store has no features.npy, so no near-duplicates or outliers: record features "
                    + "(winnow train --features, winnow import --features) to see them.";
        }
        DataMap map = null;
        String mapNote = null;
        try {
            map = DataMap.of(store);
        } catch (WinnowException e) {
            mapNote = "No data map: " + e.getMessage();
        }
        List<AuditModel.Issue> issues = new ArrayList<>();
        for (int r = 0; r < cl.flagged().length; r++) {
            int i = cl.flagged()[r];
            issues.add(new AuditModel.Issue(ids[i], labels[i], cl.suggested()[r], cl.quality()[i]));
        }
        long[] counts = new long[c];
        for (int y : labels) {
            counts[y]++;
        }
        AuditModel.Duplicates dup = null;
        Map<Integer, int[]> shown = new LinkedHashMap<>();
        for (int r = 0; r < Math.min(cl.flagged().length, 48); r++) {
            shown.put(cl.flagged()[r], new int[] {labels[cl.flagged()[r]], cl.suggested()[r]});
        }
        if (groups != null) {
            List<List<Integer>> lists = new ArrayList<>(groups.memberLists());
            lists.sort(Comparator.comparingInt((List<Integer> l) -> -l.size()));
            List<List<Long>> largest = new ArrayList<>();
            for (List<Integer> l : lists.subList(0, Math.min(GROUPS_SHOWN, lists.size()))) {
                largest.add(l.stream().map(i -> ids[i]).toList());
                l.stream().limit(8).forEach(i -> shown.putIfAbsent(i, new int[] {labels[i], labels[i]}));
            }
            dup = new AuditModel.Duplicates(o.epsilon(), groups.groups(), groups.members(), largest);
        }
        List<AuditModel.Outlier> out = new ArrayList<>();
        if (outliers != null) {
            for (int r = 0; r < Math.min(OUTLIERS_SHOWN, outliers.order().length); r++) {
                int i = outliers.order()[r];
                out.add(new AuditModel.Outlier(ids[i], labels[i], outliers.distance()[i]));
                shown.putIfAbsent(i, new int[] {labels[i], labels[i]});
            }
        }
        List<String> names = data == null ? List.of() : data.classNames();
        AuditModel model = new AuditModel("Data audit: " + store.dir().getFileName(), store.dir().toString(),
                "probabilities: " + describe(o.probabilities()), names, counts, cl.estimatedIssues(), issues,
                cl.calibrated(), dup, dupNote, out, map, mapNote, ids, data == null ? null : sheet(data, ids, shown));
        return new Found(model, cl, groups, outliers);
    }

    /** The words the page and audit.json use for the probabilities. */
    static String describe(ClassProbabilities.Source s) {
        return switch (s) {
            case PRESENTATIONS -> "mean softmax over every presentation (in-sample after the first epoch)";
            case FIRST_EPOCH -> "mean softmax over the presentations of epoch 1 (out-of-sample: each computed "
                    + "before the model trained on the example)";
        };
    }

    /** The sheet of the shown store indices, matched to {@code data} by id. */
    private static dev.winnow.study.results.ExtremeExamples sheet(StudyData data, long[] ids, Map<Integer, int[]> shown) {
        Map<Long, Integer> row = new HashMap<>();
        long[] dataIds = data.ids();
        for (int i = 0; i < dataIds.length; i++) {
            row.put(dataIds[i], i);
        }
        Map<Integer, int[]> byDataRow = new LinkedHashMap<>();
        shown.forEach((i, l) -> {
            Integer r = row.get(ids[i]);
            if (r != null) {
                byDataRow.put(r, l);
            }
        });
        return ExamplePicker.sheet(data, byDataRow);
    }

    /** Writes the audit folder {@code out} (refused when it exists, unless {@code force}): whole or not at all. */
    public static void write(Found f, DynamicsStore store, Options o, Path out, boolean force) {
        AtomicFiles.refuseExisting(out, force);
        Path tmp = AtomicFiles.temporaryFolder(out);
        try {
            long[] ids = store.ids();
            int[] labels = store.labels();
            StringBuilder li = new StringBuilder("id,label,suggested_label,quality\n");
            for (int r = 0; r < f.labels().flagged().length; r++) {
                int i = f.labels().flagged()[r];
                li.append(ids[i]).append(',').append(labels[i]).append(',').append(f.labels().suggested()[r])
                        .append(',').append(String.format(Locale.ROOT, "%.6f", f.labels().quality()[i])).append('\n');
            }
            Files.writeString(tmp.resolve("label-issues.csv"), li, StandardCharsets.UTF_8);
            if (f.duplicates() != null) {
                Files.writeString(tmp.resolve("duplicates.csv"), f.duplicates().csv(labels), StandardCharsets.UTF_8);
                Files.writeString(tmp.resolve("outliers.csv"), f.outliers().csv(ids, labels), StandardCharsets.UTF_8);
            }
            Files.writeString(tmp.resolve("audit.json"), json(f, store, o), StandardCharsets.UTF_8);
            AuditPage.write(f.model(), tmp);
            AtomicFiles.moveInto(tmp, out);
        } catch (IOException e) {
            throw new WinnowException(out + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            AtomicFiles.deleteQuietly(tmp);
        }
    }

    private static String json(Found f, DynamicsStore store, Options o) throws JsonProcessingException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "winnow-audit");
        root.put("version", 1);
        root.put("store", store.dir().toAbsolutePath().normalize().toString());
        root.put("examples", store.examples());
        root.put("classes", store.classes());
        root.put("classCounts", f.model().classCounts());
        root.put("probabilities", o.probabilities().cliName());
        root.put("probabilitiesMeaning", describe(o.probabilities()));
        root.put("thresholds", f.labels().thresholds());
        root.put("confidentJoint", f.labels().confidentJoint());
        root.put("calibratedJoint", f.labels().calibrated());
        root.put("estimatedIssues", f.labels().estimatedIssues());
        root.put("flagged", f.labels().flagged().length);
        if (f.duplicates() != null) {
            root.put("duplicates", Map.of("threshold", o.epsilon(), "seed", o.seed(), "featureRun", o.featureRun(),
                    "groups", f.duplicates().groups(), "members", f.duplicates().members()));
        }
        if (f.model().dataMap() != null) {
            int[] r = f.model().dataMap().regionCounts();
            Map<String, Object> regions = new LinkedHashMap<>();
            for (DataMap.Region g : DataMap.Region.values()) {
                regions.put(g.title(), r[g.ordinal()]);
            }
            root.put("dataMapRegions", regions);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    }
}
