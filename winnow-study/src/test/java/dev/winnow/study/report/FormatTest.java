package dev.winnow.study.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {
    @Test
    void dataPathsAreShortenedToFileNamesInTitles() {
        assertThat(Format.shortData("text:/work/shared/sst2/train.tsv,test=/work/shared/sst2/dev.tsv,max-len=40"))
                .isEqualTo("text:train.tsv,test=dev.tsv,max-len=40");
        assertThat(Format.shortData("fashion-mnist")).isEqualTo("fashion-mnist");
        assertThat(Format.shortData("idx:/data/fm")).isEqualTo("idx:fm");
    }

    @Test
    void percentagesAreWholeWhereTheyAreWhole() {
        assertThat(Format.pct(0.3)).isEqualTo("30%");
        assertThat(Format.pct(0.125)).isEqualTo("12.5%");
        assertThat(Format.pct(1)).isEqualTo("100%");
        // 0.05 − 0.1 = −0.05 → −5.0 pt with a true minus sign; a gain keeps its plus
        assertThat(Format.pt(0.05 - 0.1)).isEqualTo("−5.0 pt");
        assertThat(Format.pt(0.012)).isEqualTo("+1.2 pt");
    }

    @Test
    void tableNumbersAndCounts() {
        assertThat(Format.num(0)).isEqualTo("0");
        assertThat(Format.num(0.0123)).isEqualTo("0.012");
        assertThat(Format.num(7.5)).isEqualTo("7.5");
        assertThat(Format.num(122.4)).isEqualTo("122");
        assertThat(Format.count(950)).isEqualTo("950");
        assertThat(Format.count(207_400)).isEqualTo("207k");
        assertThat(Format.count(1_240_000)).isEqualTo("1.2M");
        assertThat(Format.secs(7.54)).isEqualTo("7.5 s");
        assertThat(Format.secs(122.4)).isEqualTo("122 s");
        assertThat(Format.trim(0.001)).isEqualTo("0.001");
        assertThat(Format.trim(1.0)).isEqualTo("1");
    }
}
