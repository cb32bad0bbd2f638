package dev.winnow.study.report;

import dev.winnow.study.StudyResults;
import dev.winnow.study.results.ExtremeExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Charts and grids drawn into memory (no display needed: images only). */
class ChartsAndGridsTest {
    /** Files written to memory, by name. */
    static final class Memory implements ReportOutput {
        final Map<String, ByteArrayOutputStream> files = new TreeMap<>();

        @Override
        public OutputStream create(String name) {
            return files.computeIfAbsent(name, n -> new ByteArrayOutputStream());
        }

        BufferedImage image(String name) throws Exception {
            return ImageIO.read(new ByteArrayInputStream(files.get(name).toByteArray()));
        }
    }

    @Test
    void chartsOfAModelArePngFilesOfTheirSize(@TempDir Path dir) throws Exception {
        ReportModel m = ReportModel.of(StudyResults.read(ReportModelTest.folder(dir)));
        Memory out = new Memory();
        Charts.write(m, out);
        assertThat(out.files).containsOnlyKeys(Charts.ACCURACY, Charts.COST, Charts.BACKWARD, "hist-a.png", "hist-b.png");
        assertThat(out.image(Charts.ACCURACY).getWidth()).isEqualTo(900);
        assertThat(out.image(Charts.COST).getHeight()).isEqualTo(520);
        assertThat(out.image("hist-a.png").getWidth()).isEqualTo(440);
        // the page refers to exactly these files
        String page = ReportPage.render(m);
        for (String f : out.files.keySet()) {
            assertThat(page).contains("src=\"" + ReportPage.FILES + "/" + f + "\"");
        }
        assertThat(page).doesNotContain("Which examples are hard?");
    }

    @Test
    void aGridDrawsInkOnPaperAndFramesFlippedLabels() {
        String px = Base64.getEncoder().encodeToString(new byte[] {0, (byte) 255, (byte) 255, 0});
        ExtremeExamples sheet = new ExtremeExamples(0, "test", List.of("zero", "one"), "image", List.of(2, 2), Map.of(
                1L, new ExtremeExamples.Example(0, 0, px, null), 2L, new ExtremeExamples.Example(0, 1, px, null)));
        BufferedImage im = ExampleGrids.draw(sheet, List.of(1L, 2L, 99L));
        // 2×2 pixels scaled by 84 / 2 = 42 in cells 124 wide (at least) and 84 + 8 + 16 = 108 high, 8 to a row
        assertThat(im.getWidth()).isEqualTo(8 * 124);
        assertThat(im.getHeight()).isEqualTo(108);
        // the first image starts at x = (124 − 84) / 2 = 20, y = 4: pixel value 0 → white, 255 → black
        assertThat(im.getRGB(20 + 10, 4 + 10) & 0xffffff).isEqualTo(0xffffff);
        assertThat(im.getRGB(20 + 42 + 10, 4 + 10) & 0xffffff).isEqualTo(0x000000);
        // the second (label flipped 0 → 1) has a red frame 2 pixels outside its image, at x = 124 + 20 − 2
        assertThat(im.getRGB(124 + 18, 40) & 0xffffff).isEqualTo(0xd62728);
        assertThat(im.getRGB(18, 40) & 0xffffff).as("no frame around the first").isEqualTo(0xffffff);
        // id 99 is not in the sheet: its cell stays blank
        assertThat(im.getRGB(248 + 20 + 10, 4 + 10) & 0xffffff).isEqualTo(0xffffff);
    }
}
