package dev.winnow.select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.WinnowException;
import dev.winnow.io.DelimitedReader;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The examples to train on, by id, each with a loss weight, and where the list came from: what
 * {@code winnow select} writes, {@code winnow train --keep-list} reads, a study trains on and Spark computes.
 *
 * <p>Immutable. Ids are strictly ascending. Weights are finite and ≥ 0; there is one way to say "no
 * weights": a list whose weights are all 1 is <em>unweighted</em> and keeps no weight array
 * ({@link #weighted()} false, {@link #weight(int)} 1), whichever way it was made. Like Tribuo's
 * {@code DatasetView}, a keep-list is made by a named factory per origin — {@link #selected} (by a
 * strategy), {@link #read} (from a CSV, with the selection's provenance when its {@code FILE.json} lies
 * beside it) and {@link #given} (by the caller) — and its {@link KeepListProvenance} says which.
 * {@link #equals} compares ids, weights and provenance.
 */
public final class KeepList {
    private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);

    private final long[] ids;
    private final double[] weights; // null: every weight is 1
    private final KeepListProvenance provenance;

    private KeepList(long[] ids, double[] weights, KeepListProvenance provenance) {
        Objects.requireNonNull(ids, "ids");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        if (weights != null && weights.length != ids.length) {
            throw new IllegalArgumentException("weights has " + weights.length + " values for " + ids.length + " ids");
        }
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException("ids must be strictly ascending");
            }
        }
        boolean allOne = true;
        if (weights != null) {
            for (double w : weights) {
                if (!(w >= 0) || !Double.isFinite(w)) {
                    throw new IllegalArgumentException("weights must be finite and >= 0, got " + w);
                }
                allOne &= w == 1.0;
            }
        }
        this.ids = ids;
        this.weights = allOne ? null : weights;
    }

    /** Selected by a strategy: ids strictly ascending, weights parallel (or {@code null} for all 1). */
    public static KeepList selected(long[] ids, double[] weights, KeepListProvenance.Selected how) {
        return new KeepList(ids.clone(), weights == null ? null : weights.clone(), how);
    }

    /** {@link #selected} taking ownership of fresh arrays (the selector's own, so no copy). */
    static KeepList adopt(long[] ids, double[] weights, KeepListProvenance.Selected how) {
        return new KeepList(ids, weights, how);
    }

    /**
     * Given by the caller, in any order (sorted here by id, weights following); {@code weights} may be
     * {@code null} for all 1. {@code tag} says what the list is ("the whole training set").
     */
    public static KeepList given(String tag, long[] ids, double[] weights) {
        if (weights != null && weights.length != ids.length) {
            throw new IllegalArgumentException("weights has " + weights.length + " values for " + ids.length + " ids");
        }
        long[] sorted = ids.clone();
        double[] w = weights == null ? null : weights.clone();
        sortById(sorted, w);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("id " + sorted[i] + " appears twice");
            }
        }
        return new KeepList(sorted, w, new KeepListProvenance.Given(tag));
    }

    /** This list with the inputs it was computed from and the tool version, as {@code FILE.json} records them. */
    public KeepList withSources(List<KeepListProvenance.Input> inputs, String toolVersion) {
        if (!(provenance instanceof KeepListProvenance.Selected s)) {
            throw new IllegalStateException("only a selected keep-list records its inputs; this one is " + provenance);
        }
        return new KeepList(ids, weights, new KeepListProvenance.Selected(s.options(), s.n(), inputs, toolVersion));
    }

    /** The number of kept examples, k. */
    public int size() {
        return ids.length;
    }

    /** The id at position {@code i} (ascending). */
    public long id(int i) {
        return ids[i];
    }

    /** The kept ids, ascending (a fresh array). */
    public long[] ids() {
        return ids.clone();
    }

    /** Whether some weight differs from 1. */
    public boolean weighted() {
        return weights != null;
    }

    /** The weight of {@link #id(int) id(i)}; 1 when unweighted. */
    public double weight(int i) {
        return weights == null ? 1.0 : weights[i];
    }

    /** The weights parallel to {@link #ids()} (a fresh array; all 1 when unweighted). */
    public double[] weights() {
        if (weights == null) {
            double[] ones = new double[ids.length];
            Arrays.fill(ones, 1.0);
            return ones;
        }
        return weights.clone();
    }

    /**
     * The weights in the training loss's precision (each rounded to the nearest float), or {@code null}
     * when unweighted: the form a {@code dev.winnow.policy.EpochPlan} takes.
     */
    public float[] lossWeights() {
        if (weights == null) {
            return null;
        }
        float[] f = new float[weights.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) weights[i];
        }
        return f;
    }

    /** The sum of the weights (N for {@code calibrated}). */
    public double weightSum() {
        if (weights == null) {
            return ids.length;
        }
        double s = 0;
        for (double w : weights) {
            s += w;
        }
        return s;
    }

    /** Whether {@code id} is kept. */
    public boolean contains(long id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    /** Where the list came from. */
    public KeepListProvenance provenance() {
        return provenance;
    }

    /**
     * The text of a weight in the CSV: the exact binary value of the double rounded half-even to 17
     * significant digits, trailing zeros stripped, never in exponent form ({@code 1}, {@code 2.5},
     * {@code 7.333333333333333}). Seventeen digits identify any double, so the text parses back to the
     * same value, and being exact decimal arithmetic it is the same on every JVM.
     */
    public static String formatWeight(double w) {
        if (w == 1.0) {
            return "1";
        }
        if (!Double.isFinite(w)) {
            throw new IllegalArgumentException("weight " + w + " is not finite");
        }
        return new BigDecimal(w).round(SEVENTEEN).stripTrailingZeros().toPlainString();
    }

    /**
     * Reads a keep-list CSV as {@code winnow select} writes it ({@code id,weight}, one example per line; a
     * file with the single column {@code id} means weight 1). Lines may come in any order; the list is
     * sorted by id. A malformed line, a repeated id, or a negative or non-finite weight (as a float, the
     * loss's precision) fails naming the line. When {@code FILE.json} lies beside it and records this very
     * CSV (same SHA-256), its selection is re-checked against the list and kept as the provenance.
     */
    public static KeepList read(Path csv) {
        long[] ids = new long[1024];
        double[] ws = new double[1024];
        int n = 0;
        try (DelimitedReader r = DelimitedReader.open(csv, DelimitedReader.Format.CSV)) {
            if (r.header().isEmpty()) {
                throw new WinnowException(csv + ": empty keep-list (expected the header 'id,weight')");
            }
            String h = String.join(",", r.header()).strip().replace(" ", "");
            boolean withWeights;
            if (h.equals("id,weight")) {
                withWeights = true;
            } else if (h.equals("id")) {
                withWeights = false;
            } else {
                throw new WinnowException(csv + ": the header must be 'id,weight' or 'id', got '"
                        + WinnowException.shown(String.join(",", r.header())) + "'");
            }
            Set<Long> seen = new HashSet<>();
            for (DelimitedReader.Row row : r.rows()) {
                String line = WinnowException.shown(String.join(",", row.fields()));
                if (row.size() != (withWeights ? 2 : 1)) {
                    throw row.error("expected " + (withWeights ? "id,weight" : "id") + ", got '" + line + "'");
                }
                long id;
                double w = 1.0;
                try {
                    id = Long.parseLong(row.field(0).strip());
                    if (withWeights) {
                        w = Double.parseDouble(row.field(1).strip());
                    }
                } catch (NumberFormatException e) {
                    throw row.error("not a number in '" + line + "'");
                }
                if (!(w >= 0) || !Float.isFinite((float) w)) {
                    throw row.error("weight must be finite and >= 0, got " + WinnowException.shown(row.field(1).strip()));
                }
                if (!seen.add(id)) {
                    throw row.error("id " + id + " appears twice");
                }
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, 2 * n);
                    ws = Arrays.copyOf(ws, 2 * n);
                }
                ids[n] = id;
                ws[n++] = w;
            }
        }
        if (n == 0) {
            throw new WinnowException(csv + ": the keep-list has no examples");
        }
        ids = Arrays.copyOf(ids, n);
        ws = Arrays.copyOf(ws, n);
        sortById(ids, ws);
        String sha = KeepListWriter.sha256(csv);
        KeepList plain = new KeepList(ids, ws, new KeepListProvenance.ReadFromFile(csv, sha, null));
        KeepListProvenance.Selected how = selectionBeside(csv, sha, plain);
        return how == null ? plain : new KeepList(ids, ws, new KeepListProvenance.ReadFromFile(csv, sha, how));
    }

    /** The selection {@code FILE.json} records for this CSV, re-checked; {@code null} when it records no such thing. */
    private static KeepListProvenance.Selected selectionBeside(Path csv, String sha, KeepList list) {
        Path json = KeepListWriter.provenancePath(csv);
        if (!Files.isRegularFile(json)) {
            return null;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            return null; // not JSON: not a provenance of ours
        }
        if (root == null || !KeepListProvenance.FORMAT.equals(root.path("format").asText())
                || !sha.equals(root.path("output").path("sha256").asText())) {
            return null; // another format, or the CSV changed after it was selected: the record is not this list's
        }
        return KeepListProvenance.Selected.fromJson(root, json, list);
    }

    /** Sorts {@code ids} ascending, {@code weights} (may be null) following. */
    private static void sortById(long[] ids, double[] weights) {
        boolean ascending = true;
        for (int i = 1; i < ids.length && ascending; i++) {
            ascending = ids[i] > ids[i - 1];
        }
        if (ascending) {
            return;
        }
        long[] orig = ids.clone();
        Arrays.sort(ids);
        if (weights != null) {
            double[] w = weights.clone();
            for (int t = 0; t < orig.length; t++) {
                weights[Arrays.binarySearch(ids, orig[t])] = w[t];
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeepList k && Arrays.equals(ids, k.ids) && Arrays.equals(weights, k.weights)
                && provenance.equals(k.provenance);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(ids) + Arrays.hashCode(weights)) + provenance.hashCode();
    }

    @Override
    public String toString() {
        return "KeepList[k=" + ids.length + ", weighted=" + weighted() + ", " + provenance + "]";
    }
}
