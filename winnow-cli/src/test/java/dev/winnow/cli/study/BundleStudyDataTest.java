package dev.winnow.cli.study;

import dev.winnow.train.data.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The study shows the sentences the dataset reader kept: the TSV is read once, by winnow-train. */
class BundleStudyDataTest {
    @Test
    void textComesFromTheLoadedDataNotASecondRead(@TempDir Path tmp) throws Exception {
        Path tsv = tmp.resolve("train.tsv");
        Files.writeString(tsv, "sentence\tlabel\na fine film\t1\n\nawful\t0\n");
        String spec = "text:" + tsv;
        BundleStudyData data = new BundleStudyData(Datasets.load(spec), spec);
        Files.delete(tsv); // nothing reads the file again
        assertThat(data.text(0)).isEqualTo("a fine film");
        assertThat(data.text(1)).isEqualTo("awful");
    }
}
