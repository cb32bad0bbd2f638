package dev.winnow.io;

import dev.winnow.WinnowException;
import dev.winnow.io.DelimitedReader.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files without a header, strict quotes, blank lines counted, columns by name or number, bad rows counted. */
class HeaderlessAndBadRowsTest {
    @TempDir
    Path dir;

    private List<String> rows(DelimitedReader r) {
        List<String> out = new ArrayList<>();
        for (DelimitedReader.Row row : r.rows()) {
            out.add(row.line() + ":" + String.join("|", row.fields()));
        }
        return out;
    }

    @Test
    void withoutAHeaderLineOneIsARecordAndItsBomIsDropped() throws IOException {
        Path f = Files.writeString(dir.resolve("a.tsv"), "\uFEFFfirst doc\t1\r\n\r\n  \nsecond\t0\n");
        try (DelimitedReader r = DelimitedReader.open(f, Format.TSV, false)) {
            assertThat(r.header()).isEmpty();
            assertThat(rows(r)).containsExactly("1:first doc|1", "4:second|0");
            assertThat(r.blankLines()).isEqualTo(2);
        }
    }

    @Test
    void strictQuotesRefuseTextAfterAClosingQuote() throws IOException {
        Path f = Files.writeString(dir.resolve("q.tsv"), "\"a\tb\"\t1\n\"x\" y\t0\n");
        Format tsvQuoted = Format.TSV.withQuoting(true);
        try (DelimitedReader r = DelimitedReader.open(f, tsvQuoted, false)) {
            assertThat(rows(r)).containsExactly("1:a\tb|1", "2:x y|0"); // lenient: the text is kept
        }
        try (DelimitedReader r = DelimitedReader.open(f, tsvQuoted.withStrictQuotes(), false)) {
            assertThat(r.next().fields()).containsExactly("a\tb", "1");
            assertThatThrownBy(r::next).isInstanceOf(WinnowException.class)
                    .hasMessageStartingWith(f + ":2: text after the closing quote");
        }
    }

    @Test
    void valuesAreShownOnOneLine() {
        assertThat(WinnowException.shown("a\nb\r\tc\u0000")).isEqualTo("a\\nb\\r\\tc\\u0000");
        assertThat(WinnowException.shown("x".repeat(150))).isEqualTo("x".repeat(100) + "…");
        assertThat(WinnowException.shown("x".repeat(100))).isEqualTo("x".repeat(100));
    }

    @Test
    void columnsByNameOrNumberFromOne() {
        Path f = dir.resolve("t.csv");
        assertThat(ColumnRef.parse("3", "label").index(null, f)).isEqualTo(2);
        assertThat(ColumnRef.parse(" kind ", "label").index(List.of("a", "kind"), f)).isEqualTo(1);
        assertThatThrownBy(() -> ColumnRef.parse("0", "label")).hasMessageContaining("numbered from 1");
        assertThatThrownBy(() -> ColumnRef.parse("kind", "label").index(null, f))
                .hasMessageContaining("is named, but the file has no header line");
        assertThatThrownBy(() -> ColumnRef.parse("z", "label").index(List.of("a", "b"), f))
                .hasMessage(f + ": no column 'z' (columns: a, b)");
        assertThat(Header.parse("No", "x")).isEqualTo(Header.NO);
        assertThatThrownBy(() -> Header.parse("maybe", "x")).hasMessageContaining("yes, no or auto");
    }

    @Test
    void badRowsStopOrAreCountedWithTheirLines() {
        Path f = dir.resolve("d.csv");
        WinnowException e = new WinnowException(f + ":4: has 1 field, needs at least 2");
        assertThatThrownBy(() -> BadRows.failing(f).reject(4, e)).isSameAs(e);
        BadRows skip = BadRows.skipping(f);
        assertThat(skip.summary()).isNull();
        for (int line : new int[] {4, 7, 9, 12, 15, 20, 31}) {
            skip.reject(line, line == 4 ? e : new WinnowException(f + ":" + line + ": other"));
        }
        assertThat(skip.count()).isEqualTo(7);
        assertThat(skip.summary()).isEqualTo(f + ": skipped 7 bad rows (lines 4, 7, 9, 12, 15, …; the first: 4: has 1"
                + " field, needs at least 2)");
    }
}
