package dev.winnow.train.data;

import dev.winnow.WinnowException;
import dev.winnow.io.DelimitedReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tabular data: a CSV file with a header, one numeric feature per column, and a label column (named by
 * {@code label=}, else the column called {@code label}, else the last column). Labels may be any
 * strings; classes are the distinct training labels in sorted order (numerically when all are numbers).
 * Features are standardised with the training split's mean and population deviation (a constant column
 * becomes 0). An optional integer {@code id} column gives the example ids; otherwise the 0-based row.
 */
public final class CsvData {
    private CsvData() {
    }

    private record Table(Path file, List<String> header, List<String[]> rows, List<Integer> lines) {
    }

    public static DataBundle load(Path train, Path test, String labelColumn, String idColumn) {
        Table tr = read(train);
        Table te = test == null ? null : read(test);
        int labelIdx = labelColumn != null ? column(tr, labelColumn)
                : tr.header().contains("label") ? tr.header().indexOf("label") : tr.header().size() - 1;
        int idIdx = idColumn == null ? -1 : column(tr, idColumn);
        if (idIdx == labelIdx) {
            throw new WinnowException(train + ": the id and the label column are the same");
        }
        if (te != null && !te.header().equals(tr.header())) {
            throw new WinnowException(test + ": header differs from " + train + "'s " + tr.header());
        }
        List<Integer> features = new ArrayList<>();
        for (int c = 0; c < tr.header().size(); c++) {
            if (c != labelIdx && c != idIdx) {
                features.add(c);
            }
        }
        if (features.isEmpty()) {
            throw new WinnowException(train + ": no feature columns besides the label");
        }
        LabelClasses classes = LabelClasses.of(tr.rows().stream().map(r -> r[labelIdx]).toList());
        int d = features.size();
        float[] xTrain = parse(tr, features);
        double[] mean = new double[d];
        double[] sd = new double[d];
        int n = tr.rows().size();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += xTrain[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double u = xTrain[i * d + j] - mean[j];
                sd[j] += u * u;
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j] / n);
            if (sd[j] < 1e-12) {
                sd[j] = 1;
            }
        }
        Examples trainEx = examples(tr, xTrain, mean, sd, d, labelIdx, idIdx, classes);
        Examples testEx = te == null ? Datasets.empty(new long[] {d})
                : examples(te, parse(te, features), mean, sd, d, labelIdx, idIdx, classes);
        String desc = String.format("csv:%s%s (%d train, %d test, %d features standardised on train, label column '%s', %d classes)",
                train, test == null ? "" : ",test=" + test, trainEx.size(), testEx.size(), d,
                tr.header().get(labelIdx), classes.size());
        return new DataBundle("csv:" + train.getFileName(), desc, trainEx, testEx, classes.size(), classes.names(), 0);
    }

    private static Examples examples(Table t, float[] x, double[] mean, double[] sd, int d, int labelIdx, int idIdx,
                                     LabelClasses classes) {
        int n = t.rows().size();
        long[] ids = new long[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            String[] r = t.rows().get(i);
            labels[i] = classes.classOf(r[labelIdx], t.file(), t.lines().get(i));
            if (idIdx < 0) {
                ids[i] = i;
            } else {
                try {
                    ids[i] = Long.parseLong(r[idIdx].trim());
                } catch (NumberFormatException e) {
                    throw new WinnowException(t.file() + ":" + t.lines().get(i) + ": id '" + r[idIdx] + "' is not an integer");
                }
            }
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) ((x[i * d + j] - mean[j]) / sd[j]);
            }
        }
        if (idIdx >= 0 && java.util.Arrays.stream(ids).distinct().count() != n) {
            throw new WinnowException(t.file() + ": the id column has duplicates");
        }
        return Examples.dense(ids, labels, x, d);
    }

    private static float[] parse(Table t, List<Integer> features) {
        int d = features.size();
        float[] x = new float[t.rows().size() * d];
        for (int i = 0; i < t.rows().size(); i++) {
            String[] r = t.rows().get(i);
            for (int j = 0; j < d; j++) {
                String v = r[features.get(j)].trim();
                try {
                    x[i * d + j] = Float.parseFloat(v);
                } catch (NumberFormatException e) {
                    throw new WinnowException(t.file() + ":" + t.lines().get(i) + ": column '" + t.header().get(features.get(j))
                            + "' has '" + v + "', not a number (features must be numeric)");
                }
                if (!Float.isFinite(x[i * d + j])) {
                    throw new WinnowException(t.file() + ":" + t.lines().get(i) + ": column '" + t.header().get(features.get(j))
                            + "' is not finite");
                }
            }
        }
        return x;
    }

    private static int column(Table t, String name) {
        int i = t.header().indexOf(name);
        if (i < 0) {
            throw new WinnowException(t.file() + ": no column '" + name + "' (columns: " + String.join(", ", t.header()) + ")");
        }
        return i;
    }

    private static Table read(Path file) {
        try (DelimitedReader r = DelimitedReader.open(file, DelimitedReader.Format.CSV.withHeaderWidth())) {
            if (r.header().isEmpty()) {
                throw new WinnowException(file + ": empty (a header line is needed)");
            }
            List<String> header = r.header().stream().map(String::trim).toList();
            List<String[]> rows = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            for (DelimitedReader.Row row : r.rows()) {
                rows.add(row.fields().stream().map(String::trim).toArray(String[]::new));
                lines.add(row.line());
            }
            if (rows.isEmpty()) {
                throw new WinnowException(file + ": no data rows");
            }
            return new Table(file, header, rows, lines);
        }
    }
}
