package dev.winnow.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.winnow.WinnowException;
import dev.winnow.io.AtomicFiles;
import dev.winnow.select.KeepList;
import dev.winnow.select.KeepListProvenance;
import dev.winnow.select.KeepListWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Groups of near-duplicates ({@link NearDuplicates}) over a store's examples, in index order: each example's
 * group (−1 in none), each group's kept member (its smallest random key) and each member's cosine similarity
 * to that kept member. Groups are numbered 0, 1, … in the order of their kept members' ids.
 */
public final class DuplicateGroups {
    /** The {@code format} of the provenance a duplicates keep-list carries beside it. */
    public static final String FORMAT = "winnow-duplicates";

    private final long[] ids;
    private final int[] group;
    private final int[] kept;
    private final float[] similarity;

    DuplicateGroups(long[] ids, int[] group, int[] kept, float[] similarity) {
        this.ids = ids;
        this.group = group;
        this.kept = kept;
        this.similarity = similarity;
    }

    /**
     * Groups found elsewhere (the Spark search) with the same rules as {@link NearDuplicates#find}: {@code group}
     * per example (−1 in none, groups 0, 1, … in the order of their kept members' ids), {@code kept} the index of
     * each group's kept member, {@code similarity} per example (1 for a kept one, NaN outside groups). Checked
     * for consistency, not recomputed.
     */
    public static DuplicateGroups of(long[] ids, int[] group, int[] kept, float[] similarity) {
        if (group.length != ids.length || similarity.length != ids.length) {
            throw new IllegalArgumentException(ids.length + " ids, " + group.length + " groups, "
                    + similarity.length + " similarities");
        }
        for (int g = 0; g < kept.length; g++) {
            if (kept[g] < 0 || kept[g] >= ids.length || group[kept[g]] != g
                    || g > 0 && ids[kept[g - 1]] >= ids[kept[g]]) {
                throw new IllegalArgumentException("group " + g + ": kept member " + kept[g]
                        + " is not in it, or groups are not in the order of their kept ids");
            }
        }
        for (int gi : group) {
            if (gi < -1 || gi >= kept.length) {
                throw new IllegalArgumentException("group " + gi + " of " + kept.length);
            }
        }
        return new DuplicateGroups(ids, group, kept, similarity);
    }

    /** The number of groups. */
    public int groups() {
        return kept.length;
    }

    /** The number of examples in some group. */
    public int members() {
        int m = 0;
        for (int g : group) {
            m += g >= 0 ? 1 : 0;
        }
        return m;
    }

    /** The group of example index i, −1 when it has no near-duplicate. */
    public int group(int i) {
        return group[i];
    }

    /** The index of group g's kept member. */
    public int kept(int g) {
        return kept[g];
    }

    /** Cosine similarity of example i to its group's kept member (1 for the kept one; NaN outside groups). */
    public float similarityToKept(int i) {
        return similarity[i];
    }

    /** Indices of each group's members, kept member first, then by id. */
    public List<List<Integer>> memberLists() {
        List<List<Integer>> out = new ArrayList<>();
        for (int g = 0; g < kept.length; g++) {
            out.add(new ArrayList<>(List.of(kept[g])));
        }
        for (int i = 0; i < group.length; i++) {
            if (group[i] >= 0 && i != kept[group[i]]) {
                out.get(group[i]).add(i);
            }
        }
        for (List<Integer> l : out) {
            l.subList(1, l.size()).sort((a, b) -> Long.compare(ids[a], ids[b]));
        }
        return out;
    }

    /** Whether example i stays in the duplicates keep-list: in no group, or its group's kept member. */
    public boolean keeps(int i) {
        return group[i] < 0 || kept[group[i]] == i;
    }

    /** The ids the duplicates keep-list keeps, ascending. */
    public long[] keptIds() {
        return java.util.stream.IntStream.range(0, ids.length).filter(this::keeps).mapToLong(i -> ids[i]).sorted()
                .toArray();
    }

    /** The keep-list: every example in no group and one per group. */
    public KeepList keepList() {
        return KeepList.given("near-duplicates removed", keptIds(), null);
    }

    /** The CSV {@code group,id,label,similarity_to_kept}: one row per example in a group, by group then kept first. */
    public String csv(int[] labels) {
        StringBuilder sb = new StringBuilder("group,id,label,similarity_to_kept\n");
        List<List<Integer>> lists = memberLists();
        for (int g = 0; g < lists.size(); g++) {
            for (int i : lists.get(g)) {
                sb.append(g).append(',').append(ids[i]).append(',').append(labels[i]).append(',')
                        .append(String.format(Locale.ROOT, "%.6f", similarity[i])).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Writes the keep-list CSV ({@code id,weight}) and {@code FILE.json} beside it (format
     * {@value #FORMAT}: threshold, seed, feature run, n, k, groups, inputs with SHA-256, tool version, the CSV's
     * SHA-256), both atomically.
     */
    public void writeKeepList(Path csv, double epsilon, long seed, int featureRun,
                              List<KeepListProvenance.Input> inputs, String toolVersion, boolean force) {
        KeepListWriter.refuseExisting(csv, force);
        KeepList keep = keepList();
        String text = KeepListWriter.csvText(keep);
        Path json = KeepListWriter.provenancePath(csv);
        Path tmpCsv = AtomicFiles.temporarySibling(csv);
        Path tmpJson = AtomicFiles.temporarySibling(json);
        try {
            Files.writeString(tmpCsv, text, StandardCharsets.UTF_8);
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("format", FORMAT);
            root.put("version", 1);
            // a LinkedHashMap, not Map.of: Map.of's order changes from one JVM to the next
            Map<String, Object> tool = new LinkedHashMap<>();
            tool.put("name", "winnow");
            tool.put("version", toolVersion);
            root.put("tool", tool);
            root.put("method", "duplicates");
            root.put("rule", "cosine of L2-normalised features >= 1 - threshold; groups = connected components; "
                    + "each group keeps its member with the smallest random key");
            root.put("threshold", epsilon);
            root.put("seed", seed);
            root.put("randomKey", "splitmix64(seed * 0x9E3779B97F4A7C15 + id), unsigned");
            root.put("featureRun", featureRun);
            root.put("n", ids.length);
            root.put("k", keep.size());
            root.put("groups", groups());
            root.put("weighted", false);
            List<Map<String, Object>> ins = new ArrayList<>();
            for (KeepListProvenance.Input in : inputs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("role", in.role());
                m.put("path", in.path().toString());
                m.put("sha256", in.sha256());
                ins.add(m);
            }
            root.put("inputs", ins);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("path", csv.toAbsolutePath().normalize().toString());
            out.put("sha256", KeepListWriter.sha256(tmpCsv));
            root.put("output", out);
            Files.writeString(tmpJson, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            AtomicFiles.moveInto(tmpCsv, csv);
            AtomicFiles.moveInto(tmpJson, json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new WinnowException(csv + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            AtomicFiles.deleteQuietly(tmpCsv);
            AtomicFiles.deleteQuietly(tmpJson);
        }
    }
}
