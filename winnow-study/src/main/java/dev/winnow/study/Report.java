package dev.winnow.study;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.io.AtomicFiles;
import dev.winnow.quality.DataMap;
import dev.winnow.study.report.DataMapChart;
import dev.winnow.study.report.Charts;
import dev.winnow.study.report.ExampleGrids;
import dev.winnow.study.report.ReportModel;
import dev.winnow.study.report.ReportOutput;
import dev.winnow.study.report.ReportPage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

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
        StudyResults res = StudyResults.read(dir);
        ReportModel model = ReportModel.of(res);
        Path tmp = AtomicFiles.temporaryFolder(dir.resolve(FILES));
        String page;
        try {
            ReportOutput files = ReportOutput.folder(tmp);
            Charts.write(model, files);
            ExampleGrids.write(model.examples(), files);
            page = ReportPage.render(model, dataMap(dir, res, files));
        } catch (RuntimeException e) {
            AtomicFiles.deleteQuietly(tmp);
            throw e;
        }
        AtomicFiles.moveInto(tmp, dir.resolve(FILES));
        Path out = dir.resolve("report.html");
        AtomicFiles.writeString(out, page);
        return out;
    }

    /**
     * Draws the data map of the first seed whose proxy store the folder holds (flipped labels marked) and returns
     * what the page says of it; {@code null} when no store can give one (no proxy, or no presentations).
     */
    private static DataMapChart.Summary dataMap(Path dir, StudyResults res, ReportOutput files) {
        if (res.spec() == null) {
            return null; // a folder of results alone: no proxies to draw from
        }
        StudyFolder folder = new StudyFolder(dir);
        for (long seed : res.spec().seeds()) {
            Path store = folder.proxyStore(seed);
            if (!Files.isDirectory(store)) {
                continue;
            }
            try {
                DynamicsStore s = DynamicsStore.open(store);
                DataMap map = DataMap.of(s);
                Set<Long> flippedIds = res.flipped().getOrDefault(seed, Set.of());
                boolean[] flipped = new boolean[s.examples()];
                for (int i = 0; i < flipped.length; i++) {
                    flipped[i] = flippedIds.contains(s.ids()[i]);
                }
                files.png(DataMapChart.FILE, DataMapChart.draw(map, s.ids(), flippedIds.isEmpty() ? null : flipped));
                return DataMapChart.Summary.of(seed, map, flippedIds.isEmpty() ? null : flipped);
            } catch (WinnowException e) {
                return null; // a store without presentations has no data map; the rest of the report stands
            }
        }
        return null;
    }
}
