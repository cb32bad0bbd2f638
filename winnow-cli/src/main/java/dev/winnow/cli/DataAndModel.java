package dev.winnow.cli;

import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Datasets;
import picocli.CommandLine.Option;

/**
 * The options of the commands that train ({@code winnow train}, {@code winnow prune}): which examples
 * ({@code --data}, {@code --limit}), which model, and how many PyTorch threads; declared once so that the
 * two commands read a dataset the same way and record it under the same name.
 */
final class DataAndModel {
    @Option(names = "--data", required = true, paramLabel = "SPEC",
            description = "the dataset: fashion-mnist, idx:DIR, csv:…, text:… ('Data specs' in 'winnow train --help')")
    String data;

    @Option(names = "--model", required = true, paramLabel = "NAME",
            description = "logreg | mlp | cnn | resnet | textbag | textcnn")
    String model;

    @Option(names = "--limit", paramLabel = "N", description = "the first N training examples only")
    Integer limit;

    @Option(names = "--skip-bad-rows",
            description = "csv: and text: data: skip the rows that cannot be read, counted on stderr and in the store's"
                    + " provenance, instead of stopping at the first (the same as the data option skip-bad-rows=yes)")
    boolean skipBadRows;

    @Option(names = "--threads", paramLabel = "T",
            description = "PyTorch CPU threads (default: half the cores, at least 1; more threads than free cores"
                    + " is much slower)")
    Integer threads;

    /** The dataset, cut to its first {@code --limit} training examples when given. */
    DataBundle load() {
        DataBundle d = Datasets.load(spec());
        return limit == null ? d : d.limit(limit);
    }

    /** The data as the store's manifest records it: the spec, then {@code --limit N} when given. */
    String dataSpec() {
        return spec() + (limit == null ? "" : " --limit " + limit);
    }

    /** {@code --data}, with {@code skip-bad-rows=yes} added for {@code --skip-bad-rows}. */
    private String spec() {
        if (!skipBadRows || data.contains("skip-bad-rows=")) {
            return data;
        }
        if (!data.startsWith("csv:") && !data.startsWith("text:")) {
            throw new IllegalArgumentException("--skip-bad-rows applies to csv: and text: data, not '" + data + "'");
        }
        return data + ",skip-bad-rows=yes";
    }
}
