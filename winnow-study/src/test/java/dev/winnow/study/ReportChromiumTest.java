package dev.winnow.study;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Integration test (CI installs Chromium for it): renders a study's report in headless Chromium and checks the screenshot is a real
 * page. Skipped when Chromium is absent (Debian: {@code apt-get install -y chromium}). The study and its
 * screenshot stay in {@code target/report-it/} for a person to look at.
 */
@org.junit.jupiter.api.Tag("integration")
class ReportChromiumTest {
    static String chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        String chrome = chromium();
        assumeTrue(chrome != null, "chromium is not installed");
        Path root = Path.of("target", "report-it").toAbsolutePath();
        dev.winnow.io.AtomicFiles.deleteTree(root);
        Path dir = root.resolve("study");
        SoftmaxWorld w = new SoftmaxWorld(600, 4, 9);
        StudySpec s = StudyRunnerTest.spec("random,el2n@2:hard,aum:hard,el2n@2:calibrated:0.5,forgetting:window:0.05",
                "0.1,0.3,0.5,0.7", "0,1", "epochs", 0.1);
        new StudyRunner(w.engine(), new PrintWriter(new StringWriter()), "test").run(s, dir, StudyFolder.Mode.NEW);
        Path page = Report.write(dir);
        Path shot = root.resolve("report.png");
        Process p = new ProcessBuilder(chrome, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + root.resolve("profile"), "--window-size=1280,4200", "--screenshot=" + shot, page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(shot).isRegularFile();
        java.awt.image.BufferedImage im = javax.imageio.ImageIO.read(shot.toFile());
        assertThat(im.getWidth()).isEqualTo(1280);
        // a rendered page with charts has many distinct colours; a blank or error page has a handful
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < im.getHeight(); y += 7) {
            for (int x = 0; x < im.getWidth(); x += 7) {
                colours.add(im.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(200);
    }
}
