package dev.winnow.train.data;

import dev.winnow.WinnowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Text and CSV files as people have them: no header, quoted tabs and newlines, CRLF, a BOM, bad rows. */
class DatasetReadingTest {
    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void aHeaderlessTsvLosesNoDocument() throws IOException {
        // line 1's label "1" is the label of other rows: data, not a header (the old reader dropped it)
        Path tr = file("train.tsv", "a fine film\t1\ndull\t0\ngreat fun\t1\n");
        Path te = file("test.tsv", "so good\t1\nbad\t0\n");
        DataBundle d = Datasets.load("text:" + tr + ",test=" + te);
        assertThat(d.train().size()).isEqualTo(3);
        assertThat(d.test().size()).isEqualTo(2);
        assertThat(d.train().text(0)).isEqualTo("a fine film");
        assertThat(d.test().text(0)).isEqualTo("so good");
        assertThat(d.description()).contains("line 1 read as data");
        // declared: header=yes drops line 1 on purpose, header=no keeps a line that looks like a header
        assertThat(Datasets.load("text:" + tr + ",header=yes").train().size()).isEqualTo(2);
        Path h = file("h.tsv", "sentence\tlabel\nx\t1\ny\t0\n");
        assertThat(Datasets.load("text:" + h).train().size()).isEqualTo(2);
        assertThat(Datasets.load("text:" + h + ",header=no").classNames()).containsExactly("0", "1", "label");
    }

    @Test
    void textAndLabelColumnsByNameOrNumber() throws IOException {
        Path tr = file("t.tsv", "id\tlabel\tbody\n7\tpos\tnice one\n8\tneg\tawful\n9\tpos\tsweet\n");
        DataBundle named = Datasets.load("text:" + tr + ",text=body,label=label");
        assertThat(named.train().size()).isEqualTo(3);
        assertThat(named.train().text(1)).isEqualTo("awful");
        assertThat(named.classNames()).containsExactly("neg", "pos");
        DataBundle numbered = Datasets.load("text:" + tr + ",text=3,label=2,header=yes");
        assertThat(numbered.train().text(2)).isEqualTo("sweet");
        assertThat(numbered.train().labels()).containsExactly(1, 0, 1);
        assertThatThrownBy(() -> Datasets.load("text:" + tr + ",text=headline"))
                .isInstanceOf(WinnowException.class).hasMessageContaining("no column 'headline' (columns: id, label, body)");
        assertThatThrownBy(() -> Datasets.load("text:" + tr + ",text=body,header=no"))
                .hasMessageContaining("header=no, so columns must be numbered");
        assertThatThrownBy(() -> Datasets.load("text:" + tr + ",label=0")).hasMessageContaining("numbered from 1");
    }

    @Test
    void quotedTabsNewlinesCrlfBomAndBlankLines() throws IOException {
        String text = "\uFEFFsentence\tlabel\r\n\"tab\there\"\t1\r\n\r\n\"two\r\nlines, \"\"quoted\"\"\"\t0\r\n  \nplain\t1\r\n";
        Path tr = file("q.tsv", text);
        DataBundle d = Datasets.load("text:" + tr);
        assertThat(d.train().size()).isEqualTo(3);
        assertThat(d.train().text(0)).isEqualTo("tab\there");
        assertThat(d.train().text(1)).isEqualTo("two\nlines, \"quoted\"");
        assertThat(d.train().text(2)).isEqualTo("plain");
        assertThat(d.description()).contains("2 blank lines skipped");
    }

    @Test
    void aStrayQuoteStopsAtItsLineUnlessQuotesAreOrdinary() throws IOException {
        Path tr = file("s.tsv", "sentence\tlabel\n\"hi\" she said\t1\nok\t0\nfine\t1\n");
        assertThatThrownBy(() -> Datasets.load("text:" + tr))
                .isInstanceOf(WinnowException.class).hasMessageContaining("s.tsv:2: text after the closing quote");
        DataBundle d = Datasets.load("text:" + tr + ",quote=no");
        assertThat(d.train().size()).isEqualTo(3);
        assertThat(d.train().text(0)).isEqualTo("\"hi\" she said");
    }

    @Test
    void badRowsStopWithTheirLineOrAreSkippedAndCounted() throws IOException {
        Path tr = file("b.tsv", "sentence\tlabel\ngood\t1\nno tab here\nbad\t0\nempty label\t \nok\t1\n");
        assertThatThrownBy(() -> Datasets.load("text:" + tr))
                .isInstanceOf(WinnowException.class).hasMessageContaining("b.tsv:3: no TAB between text and label");
        DataBundle d = Datasets.load("text:" + tr + ",skip-bad-rows=yes");
        assertThat(d.train().size()).isEqualTo(3);
        assertThat(d.description()).contains("skipped 2 bad rows (lines 3, 5; the first: 3: no TAB");
        Path csv = file("b.csv", "x,y,label\n1,2,a\n3,oops,b\n4,5\n6,7,b\n");
        assertThatThrownBy(() -> Datasets.load("csv:" + csv)).hasMessageContaining("b.csv:3: column 'y' has 'oops'");
        DataBundle c = Datasets.load("csv:" + csv + ",skip-bad-rows=yes");
        assertThat(c.train().size()).isEqualTo(2);
        assertThat(c.train().labels()).containsExactly(0, 1);
        assertThat(c.description()).contains("skipped 2 bad rows (lines 3, 4;");
    }

    @Test
    void aHeaderlessCsvIsNumberedFromOne() throws IOException {
        Path tr = file("n.csv", "1.5,2,0\n0.5,4,1\n2.5,6,0\n");
        DataBundle d = Datasets.load("csv:" + tr);
        assertThat(d.train().size()).isEqualTo(3);
        assertThat(d.description()).contains("label column '3'").contains("line 1 read as data");
        // standardised on train: column 1 has mean 1.5 and population deviation sqrt(2/3)
        assertThat(d.train().row(0)[0]).isEqualTo(0f);
        assertThat(d.train().row(1)[0]).isCloseTo((float) (-1 / Math.sqrt(2.0 / 3)), org.assertj.core.data.Offset.offset(1e-6f));
        DataBundle byNumber = Datasets.load("csv:" + tr + ",label=1,header=no");
        assertThat(byNumber.classNames()).containsExactly("0.5", "1.5", "2.5");
        assertThatThrownBy(() -> Datasets.load("csv:" + tr + ",label=4")).hasMessageContaining("has 3 columns, no column 4");
    }

    @Test
    void onlyBlankLinesOrOnlyAHeaderIsNoData() throws IOException {
        Path blank = file("blank.tsv", "\n  \n\n");
        assertThatThrownBy(() -> Datasets.load("text:" + blank)).hasMessageContaining("no rows (only blank lines)");
        Path onlyHeader = file("h.csv", "a,b,label\n");
        assertThatThrownBy(() -> Datasets.load("csv:" + onlyHeader)).hasMessageContaining("no data rows after the header");
        Path allBad = file("bad.tsv", "sentence\tlabel\nx\t\ny\t \n");
        assertThatThrownBy(() -> Datasets.load("text:" + allBad + ",skip-bad-rows=yes"))
                .hasMessageContaining("no data rows (every row was bad)");
    }
}
