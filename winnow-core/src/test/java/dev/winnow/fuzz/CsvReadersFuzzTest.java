package dev.winnow.fuzz;

import dev.winnow.WinnowException;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.DelimitedReader;
import dev.winnow.io.ScoreTable;
import dev.winnow.npy.NpyWriter;
import dev.winnow.score.ExternalScore;
import dev.winnow.select.KeepList;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every CSV reader of the core on arbitrary bytes: the delimited reader itself (any delimiter, quoting,
 * header or not), score tables, keep-lists and external-score files (against a store whose ids are
 * 0..2, and one whose ids are {5, 9, 11}). Saved inputs replay in every build; {@code JAZZER_FUZZ=1} fuzzes.
 */
class CsvReadersFuzzTest {
    private static final Path DIR = FuzzFiles.folder("csv");
    private static final Path PLAIN = store("plain", null);
    private static final Path KEYED = store("keyed", new long[] {5, 9, 11});

    private static Path store(String name, long[] ids) {
        Path dir = DIR.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("manifest.json"), "{\"format\":\"winnow-dynamics\",\"version\":1,"
                    + "\"examples\":3,\"classes\":2,\"observations\":[],\"signals\":[]}");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        NpyWriter.write(dir.resolve("labels.npy"), new int[] {0, 1, 0});
        if (ids != null) {
            NpyWriter.write(dir.resolve("ids.npy"), ids);
        }
        return dir;
    }

    @FuzzTest(maxDuration = "11m")
    void delimited(FuzzedDataProvider in) {
        char delimiter = in.pickValue(new Character[] {',', '\t', ';', '|', ' '});
        boolean quoting = in.consumeBoolean();
        boolean strict = in.consumeBoolean();
        boolean header = in.consumeBoolean();
        DelimitedReader.Format f = new DelimitedReader.Format(delimiter, quoting,
                in.consumeBoolean() ? DelimitedReader.BlankLines.SKIP : DelimitedReader.BlankLines.FAIL, in.consumeBoolean());
        Path file = FuzzFiles.write(DIR.resolve("d.txt"), in.consumeRemainingAsBytes());
        FuzzFiles.readOrOneLine(file, () -> {
            try (DelimitedReader r = DelimitedReader.open(file, strict ? f.withStrictQuotes() : f, header)) {
                int last = 0;
                for (DelimitedReader.Row row : r.rows()) {
                    if (row.line() <= last || row.size() < 1) {
                        throw new AssertionError("line " + row.line() + " after " + last + ", " + row.size() + " fields");
                    }
                    last = row.line();
                    WinnowException.shown(row.field(row.size() - 1));
                }
            }
        });
    }

    @FuzzTest(maxDuration = "11m")
    void scoreTable(byte[] bytes) {
        Path file = FuzzFiles.write(DIR.resolve("scores.csv"), bytes);
        FuzzFiles.readOrOneLine(file, () -> {
            ScoreTable t = ScoreTable.read(file);
            if (t.size() < 1) {
                throw new AssertionError("an empty score table was accepted");
            }
        });
    }

    @FuzzTest(maxDuration = "11m")
    void keepList(byte[] bytes) {
        Path file = FuzzFiles.write(DIR.resolve("keep.csv"), bytes);
        FuzzFiles.readOrOneLine(file, () -> {
            KeepList k = KeepList.read(file);
            if (k.size() < 1) {
                throw new AssertionError("an empty keep-list was accepted");
            }
        });
    }

    @FuzzTest(maxDuration = "11m")
    void externalScore(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        Path store = (bytes[0] & 1) == 0 ? PLAIN : KEYED;
        Path file = FuzzFiles.write(DIR.resolve("external.csv"), java.util.Arrays.copyOfRange(bytes, 1, bytes.length));
        FuzzFiles.readOrOneLine(file, () -> {
            float[] s = new ExternalScore(file, "qe").compute(DynamicsStore.open(store));
            if (s.length != 3) {
                throw new AssertionError(s.length + " scores for 3 examples");
            }
        });
    }
}
