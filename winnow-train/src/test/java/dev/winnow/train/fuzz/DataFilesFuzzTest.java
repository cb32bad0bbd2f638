package dev.winnow.train.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.winnow.WinnowException;
import dev.winnow.io.ColumnRef;
import dev.winnow.io.Header;
import dev.winnow.train.data.CsvData;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.ReadOptions;
import dev.winnow.train.data.TextData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text (TSV) and CSV dataset readers on arbitrary files read under arbitrary options (header, columns,
 * quoting, skipping bad rows). They load, or fail with one line naming a file; a loaded dataset has as many
 * labels as examples, every label a class. Saved inputs replay in every build; {@code JAZZER_FUZZ=1} fuzzes.
 */
class DataFilesFuzzTest {
    private static final Path DIR = folder();

    private static Path folder() {
        try {
            return Files.createTempDirectory("winnow-fuzz-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReadOptions options(FuzzedDataProvider in, boolean text) {
        Header h = in.pickValue(Header.values());
        ColumnRef label = in.consumeBoolean() ? null
                : in.consumeBoolean() || h == Header.NO ? new ColumnRef(null, in.consumeInt(1, 4)) : new ColumnRef("label", 0);
        ColumnRef second = in.consumeBoolean() ? null
                : in.consumeBoolean() || h == Header.NO ? new ColumnRef(null, in.consumeInt(1, 4))
                : new ColumnRef(text ? "text" : "id", 0);
        return new ReadOptions(h, text ? second : null, label, text ? null : second, in.consumeBoolean(), in.consumeBoolean());
    }

    private static void check(Path train, Path test, Runnable load) {
        try {
            load.run();
        } catch (WinnowException e) {
            String m = e.getMessage();
            if (m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0 || !(m.contains(train.toString()) || m.contains(test.toString()))) {
                throw new AssertionError("not one line naming a file: " + m, e);
            }
        }
    }

    private static void valid(DataBundle d) {
        for (int i = 0; i < d.train().size(); i++) {
            if (d.train().label(i) < 0 || d.train().label(i) >= d.classes()) {
                throw new AssertionError("label " + d.train().label(i) + " of " + d.classes() + " classes");
            }
        }
    }

    private static Path[] files(FuzzedDataProvider in, String ext) throws IOException {
        boolean withTest = in.consumeBoolean();
        Path train = DIR.resolve("train." + ext);
        Path test = DIR.resolve("test." + ext);
        byte[] rest = in.consumeRemainingAsBytes();
        int cut = withTest ? rest.length * 3 / 4 : rest.length;
        Files.write(train, java.util.Arrays.copyOfRange(rest, 0, cut));
        Files.write(test, java.util.Arrays.copyOfRange(rest, cut, rest.length));
        return new Path[] {train, withTest ? test : null};
    }

    @FuzzTest(maxDuration = "11m")
    void text(FuzzedDataProvider in) throws IOException {
        ReadOptions r;
        try {
            r = options(in, true);
        } catch (IllegalArgumentException e) {
            return; // header=no with a named column: refused before any file is read
        }
        Path[] f = files(in, "tsv");
        check(f[0], DIR.resolve("test.tsv"), () -> valid(TextData.load(f[0], f[1], new TextData.Options(1, 100, 8), r)));
    }

    @FuzzTest(maxDuration = "11m")
    void csv(FuzzedDataProvider in) throws IOException {
        ReadOptions r;
        try {
            r = options(in, false);
        } catch (IllegalArgumentException e) {
            return;
        }
        Path[] f = files(in, "csv");
        check(f[0], DIR.resolve("test.csv"), () -> valid(CsvData.load(f[0], f[1], r)));
    }
}
