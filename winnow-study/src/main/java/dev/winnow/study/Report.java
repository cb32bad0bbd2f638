package dev.winnow.study;

import dev.winnow.io.AtomicFiles;
import dev.winnow.study.report.Charts;
import dev.winnow.study.report.ExampleGrids;
import dev.winnow.study.report.ReportModel;
import dev.winnow.study.report.ReportOutput;
import dev.winnow.study.report.ReportPage;

import java.nio.file.Path;

/**
 * {@code report.html} of a study folder: self-contained and offline (no scripts, no external URLs), with
 * its charts and example grids as PNG files in {@code report-files/} beside it. Regenerated from the
 * folder alone ({@code winnow report DIR}); the dataset is not needed. The parts live in
 * {@link dev.winnow.study.report}: the model of what the report says, then its charts, grids and page.
 */
public final class Report {
    /** The folder of the report's images, beside {@code report.html}. */
    public static final String FILES = ReportPage.FILES;

    private Report() {
    }

    /** Writes {@code report.html} and {@code report-files/} into the study folder {@code dir}; returns the page. */
    public static Path write(Path dir) {
        ReportModel model = ReportModel.of(StudyResults.read(dir));
        Path tmp = AtomicFiles.temporaryFolder(dir.resolve(FILES));
        String page;
        try {
            ReportOutput files = ReportOutput.folder(tmp);
            Charts.write(model, files);
            ExampleGrids.write(model.examples(), files);
            page = ReportPage.render(model);
        } catch (RuntimeException e) {
            AtomicFiles.deleteQuietly(tmp);
            throw e;
        }
        AtomicFiles.moveInto(tmp, dir.resolve(FILES));
        Path out = dir.resolve("report.html");
        AtomicFiles.writeString(out, page);
        return out;
    }
}
