package dev.winnow.train.data;

import dev.winnow.WinnowException;
import dev.winnow.io.ColumnRef;
import dev.winnow.io.DelimitedReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tabular data: a CSV file, one numeric feature per column, and a label column (named or numbered by
 * {@code label=}, else the column called {@code label}, else the last column). Line 1 is a header when declared
 * so, or, detected, when one of its fields outside the label column is not a number (the decision is printed);
 * without a header the columns are called by their numbers from 1. Labels may be any strings; classes are the
 * distinct training labels in sorted order (numerically when all are numbers). Features are standardised with
 * the training split's mean and population deviation (a constant column becomes 0). An optional integer
 * {@code id} column gives the example ids; otherwise the 0-based row. A row of the wrong width, a feature that
 * is not a finite number or an id that is not an integer stops the run at its line or, when skipping bad
 * rows, is skipped and counted.
 */
public final class CsvData {
    private CsvData() {
    }

    /** The rows of one file that could be read: features (raw), labels, ids (or null) and lines. */
    private record Table(Path file, List<String> header, List<float[]> x, List<String> labels, List<Long> ids,
                         List<Integer> lines) {
    }

    public static DataBundle load(Path train, Path test, String labelColumn, String idColumn) {
        return load(train, test, ReadOptions.DEFAULT
                .withLabel(labelColumn == null ? null : ColumnRef.parse(labelColumn, "label"))
                .withId(idColumn == null ? null : ColumnRef.parse(idColumn, "id")));
    }

    /** Loads a training file and an optional test file (null) read as {@code r} says. */
    public static DataBundle load(Path train, Path test, ReadOptions r) {
        DelimitedReader.Format format = DelimitedReader.Format.CSV.withQuoting(r.quoting());
        TableFile trainFile = TableFile.read(train, format, r.skipBadRows());
        TableFile testFile = test == null ? null : TableFile.read(test, format, r.skipBadRows());
        for (TableFile f : new TableFile[] {trainFile, testFile}) {
            if (f != null) {
                f.decide(r.header(), r.namesColumns(), row -> looksLikeHeader(row, r),
                        "a field outside the label column is not a number");
            }
        }
        List<String> header = names(trainFile);
        int width = header.size();
        int labelIdx = r.label() != null ? r.label().index(trainFile.header(), train)
                : header.contains("label") ? header.indexOf("label") : width - 1;
        int idIdx = r.id() == null ? -1 : r.id().index(trainFile.header(), train);
        for (int c : new int[] {labelIdx, idIdx}) {
            if (c >= width) {
                throw new WinnowException(train + ": has " + width + " columns, no column " + (c + 1));
            }
        }
        if (idIdx == labelIdx) {
            throw new WinnowException(train + ": the id and the label column are the same");
        }
        if (testFile != null) {
            List<String> testHeader = names(testFile);
            boolean same = trainFile.hasHeader() && testFile.hasHeader() ? testHeader.equals(header)
                    : testHeader.size() == width;
            if (!same) {
                throw new WinnowException(test + ": header differs from " + train + "'s "
                        + WinnowException.shown(header.toString()));
            }
        }
        List<Integer> features = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (c != labelIdx && c != idIdx) {
                features.add(c);
            }
        }
        if (features.isEmpty()) {
            throw new WinnowException(train + ": no feature columns besides the label");
        }
        Table tr = read(trainFile, header, features, labelIdx, idIdx);
        Table te = testFile == null ? null : read(testFile, header, features, labelIdx, idIdx);
        String notes = TableFile.report(trainFile, testFile);
        LabelClasses classes = LabelClasses.of(tr.labels());
        if (classes.size() < 2) {
            throw new WinnowException(train + ": needs at least two classes, found " + classes.size());
        }
        int d = features.size();
        int n = tr.x().size();
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (float[] row : tr.x()) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (float[] row : tr.x()) {
            for (int j = 0; j < d; j++) {
                double u = row[j] - mean[j];
                sd[j] += u * u;
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j] / n);
            if (!(sd[j] >= 1e-12) || !Double.isFinite(sd[j])) {
                sd[j] = 1;
            }
        }
        Examples trainEx = examples(tr, mean, sd, d, classes);
        Examples testEx = te == null ? Datasets.empty(new long[] {d}) : examples(te, mean, sd, d, classes);
        String desc = String.format("csv:%s%s (%d train, %d test, %d features standardised on train, label column '%s', %d classes)",
                train, test == null ? "" : ",test=" + test, trainEx.size(), testEx.size(), d,
                WinnowException.shown(header.get(labelIdx)), classes.size()) + notes;
        return new DataBundle("csv:" + train.getFileName(), desc, trainEx, testEx, classes.size(), classes.names(), 0);
    }

    /** Line 1 of a CSV file is a header when a field outside the label column is not a number. */
    private static boolean looksLikeHeader(DelimitedReader.Row row, ReadOptions r) {
        int label = r.label() != null && !r.label().named() ? r.label().number() - 1 : row.size() - 1;
        for (int i = 0; i < row.size(); i++) {
            if (i != label && !isNumber(row.field(i).strip())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String s) {
        try {
            Float.parseFloat(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The header's names, or the column numbers from 1 when the file has none. */
    private static List<String> names(TableFile f) {
        if (f.hasHeader()) {
            return f.header();
        }
        List<String> names = new ArrayList<>();
        for (int c = 1; c <= f.first().size(); c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    private static Table read(TableFile f, List<String> header, List<Integer> features, int labelIdx, int idIdx) {
        List<float[]> x = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Long> ids = idIdx < 0 ? null : new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (DelimitedReader.Row row : f.data()) {
            float[] v = new float[features.size()];
            long id = 0;
            try {
                if (row.size() != header.size()) {
                    throw row.error(row.size() + " fields, the header has " + header.size());
                }
                for (int j = 0; j < v.length; j++) {
                    String s = row.field(features.get(j)).strip();
                    String column = WinnowException.shown(header.get(features.get(j)));
                    try {
                        v[j] = Float.parseFloat(s);
                    } catch (NumberFormatException e) {
                        throw row.error("column '" + column + "' has '" + WinnowException.shown(s)
                                + "', not a number (features must be numeric)");
                    }
                    if (!Float.isFinite(v[j])) {
                        throw row.error("column '" + column + "' is not finite");
                    }
                }
                if (idIdx >= 0) {
                    String s = row.field(idIdx).strip();
                    try {
                        id = Long.parseLong(s);
                    } catch (NumberFormatException e) {
                        throw row.error("id '" + WinnowException.shown(s) + "' is not an integer");
                    }
                }
            } catch (WinnowException e) {
                f.bad().reject(row.line(), e);
                continue;
            }
            x.add(v);
            labels.add(row.field(labelIdx).strip());
            if (ids != null) {
                ids.add(id);
            }
            lines.add(row.line());
        }
        if (x.isEmpty()) {
            throw new WinnowException(f.file() + ": no data rows" + (f.bad().count() > 0 ? " (every row was bad)" : ""));
        }
        return new Table(f.file(), header, x, labels, ids, lines);
    }

    private static Examples examples(Table t, double[] mean, double[] sd, int d, LabelClasses classes) {
        int n = t.x().size();
        long[] ids = new long[n];
        int[] labels = new int[n];
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            labels[i] = classes.classOf(t.labels().get(i), t.file(), t.lines().get(i));
            ids[i] = t.ids() == null ? i : t.ids().get(i);
            float[] row = t.x().get(i);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) ((row[j] - mean[j]) / sd[j]);
            }
        }
        if (t.ids() != null && java.util.Arrays.stream(ids).distinct().count() != n) {
            throw new WinnowException(t.file() + ": the id column has duplicates");
        }
        return Examples.dense(ids, labels, x, d);
    }
}
