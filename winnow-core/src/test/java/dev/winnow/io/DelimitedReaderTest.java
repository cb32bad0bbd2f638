package dev.winnow.io;

import dev.winnow.WinnowException;
import dev.winnow.io.DelimitedReader.BlankLines;
import dev.winnow.io.DelimitedReader.Format;
import dev.winnow.io.DelimitedReader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DelimitedReaderTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, text);
        return f;
    }

    /** Every record as "LINE:field|field|...". */
    private List<String> records(Path f, Format format) {
        List<String> out = new ArrayList<>();
        try (DelimitedReader r = DelimitedReader.open(f, format)) {
            out.add("header:" + String.join("|", r.header()));
            for (Row row : r.rows()) {
                out.add(row.line() + ":" + String.join("|", row.fields()));
            }
        }
        return out;
    }

    @Test
    void plainFieldsAreReturnedAsWrittenWithTheirLines() throws IOException {
        Path f = file("id,label, score\n1,0, 0.5\n\n2,,x\n");
        assertThat(records(f, Format.CSV)).containsExactly("header:id|label| score", "2:1|0| 0.5", "4:2||x");
    }

    @Test
    void quotedFieldsHoldDelimitersDoubledQuotesAndLineBreaks() throws IOException {
        // line 2: a comma inside quotes; line 3: "" is one quote; lines 4-6: one record whose middle field
        // spans three lines, the blank middle line being content; line 7 starts after it
        Path f = file("a,b,c\n"
                + "\"x,y\",2,3\n"
                + "\"say \"\"hi\"\"\",,\"\"\n"
                + "1,\"first\n"
                + "\n"
                + "last\",3\n"
                + "  \"spaced\" ,\"a\"b,5\"\n");
        assertThat(records(f, Format.CSV)).containsExactly(
                "header:a|b|c",
                "2:x,y|2|3",
                "3:say \"hi\"||",
                "4:1|first\n\nlast|3",
                "7:spaced |ab|5\"");
    }

    @Test
    void crlfAndAByteOrderMarkAreInvisible() throws IOException {
        Path f = file("\uFEFFid,\"note\"\r\n7,\"two\r\nlines\"\r\n8,x\r\n");
        try (DelimitedReader r = DelimitedReader.open(f, Format.CSV)) {
            assertThat(r.header()).containsExactly("id", "note");
            assertThat(r.column("id")).isZero();
            assertThat(r.column("note")).isEqualTo(1);
            assertThat(r.column("other")).isEqualTo(-1);
            Row a = r.next();
            Row b = r.next();
            assertThat(a.fields()).containsExactly("7", "two\nlines");
            assertThat(b.line()).isEqualTo(4);
            assertThat(b.fields()).containsExactly("8", "x");
            assertThat(r.next()).isNull();
            assertThat(r.next()).isNull();
        }
    }

    @Test
    void tsvWithoutQuotingTakesQuotesLiterally() throws IOException {
        Path f = file("sentence\tlabel\n\"a \"quoted\" word\t1\nit , is\tsad\t0\n");
        assertThat(records(f, Format.TSV)).containsExactly(
                "header:sentence|label", "2:\"a \"quoted\" word|1", "3:it , is|sad|0");
    }

    @Test
    void errorsNameTheFileAndTheLineTheRecordStartsOn() throws IOException {
        Path f = file("a,b\n1,2\n3\n");
        try (DelimitedReader r = DelimitedReader.open(f, Format.CSV)) {
            assertThat(r.next().field(1)).isEqualTo("2");
            Row shortRow = r.next();
            assertThat(shortRow.size()).isEqualTo(1);
            assertThatThrownBy(() -> shortRow.field(1)).isInstanceOf(WinnowException.class)
                    .hasMessage(f + ":3: has 1 field, needs at least 2");
            assertThat(shortRow.error("bad id").getMessage()).isEqualTo(f + ":3: bad id");
        }
        assertThatThrownBy(() -> records(f, Format.CSV.withHeaderWidth()))
                .hasMessage(f + ":3: 1 fields, the header has 2");
        Path open = file("a,b\n1,2\n3,\"never\nclosed\n");
        assertThatThrownBy(() -> records(open, Format.CSV))
                .hasMessage(open + ":3: a quoted field opened on this line is never closed");
    }

    @Test
    void blankLinesAreSkippedOrRefused() throws IOException {
        Path f = file("id\n1\n  \n2\n");
        assertThat(records(f, Format.CSV)).containsExactly("header:id", "2:1", "4:2");
        assertThatThrownBy(() -> records(f, Format.CSV.withBlankLines(BlankLines.FAIL)))
                .hasMessage(f + ":3: blank line");
    }

    @Test
    void anEmptyFileHasNoHeaderAndAMissingOneIsNamed() throws IOException {
        assertThat(records(file(""), Format.CSV)).containsExactly("header:");
        assertThat(records(file(" \nid\n"), Format.CSV)).containsExactly("header:", "2:id");
        assertThatThrownBy(() -> DelimitedReader.open(dir.resolve("none.csv"), Format.CSV))
                .isInstanceOf(WinnowException.class).hasMessage(dir.resolve("none.csv") + ": no such file");
        assertThatThrownBy(() -> new Format('"', true, BlankLines.SKIP, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
