package dev.winnow.cli;

import dev.winnow.study.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code winnow report DIR}: regenerates a study folder's report.html from its files. */
@Command(name = "report",
        header = "Regenerate a study's report.html from its folder.", mixinStandardHelpOptions = true,
        description = {"Regenerate report.html (and its charts in report-files/) from a study folder. "
            + "Works on a study still running, or stopped: it reads whatever runs are finished."})
public final class ReportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @Parameters(paramLabel = "DIR", description = "the study folder (winnow study --out)")
    Path dir;

    @Override
    public Integer call() {
        Path page = Report.write(dir);
        cmd.commandLine().getOut().println("report: " + page.toAbsolutePath());
        cmd.commandLine().getOut().flush();
        return 0;
    }
}
