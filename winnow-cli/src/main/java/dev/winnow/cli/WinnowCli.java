package dev.winnow.cli;

import dev.winnow.cli.base.CommandLines;
import dev.winnow.cli.base.ToolVersion;
import dev.winnow.cli.study.DjlStudyEngine;
import dev.winnow.study.StudyEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code winnow} command. Exit codes: 0 success, 1 the data or a run failed, 2 a usage error. A
 * user's mistake is one line on stderr, never a stack trace ({@code WINNOW_DEBUG=1} shows it); the rules
 * are {@link dev.winnow.cli.base.ErrorHandler}'s, shared with {@code winnow spark}.
 */
@Command(name = "winnow",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 100,
        footer = {"", "Every command has --help. Exit codes: 0 done, 1 the data or a run failed, 2 usage error.",
            "The Spark module: ./winnow spark --help and ./winnow export --help (launcher)."},
        versionProvider = ToolVersion.class,
        description = {
            "Find which training examples matter, keep those, and measure what you save.",
            "",
            "Typical path: record training dynamics (train, or import from NumPy), score every "
                + "example, select a keep-list, train on it. Or all at once: prune. Scores follow one "
                + "convention: higher = harder. Start with: winnow demo",
            "",
        },
        subcommands = {
            DemoCommand.class,
            StudyCommand.class,
            ReportCommand.class,
            TrainCommand.class,
            ImportCommand.class,
            ScoreCommand.class,
            SelectCommand.class,
            PruneCommand.class,
            DuplicatesCommand.class,
            AuditCommand.class,
            BenchCommand.class,
            TranslateCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class WinnowCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final StudyEngine studyEngine;

    /** The command line with the engine {@code study} and {@code demo} train on. */
    public WinnowCli(StudyEngine studyEngine) {
        this.studyEngine = studyEngine;
    }

    /** What {@code study} and {@code demo} train on: the DJL engine, or the one a test or an embedder gave. */
    StudyEngine studyEngine() {
        return studyEngine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command (winnow --help lists them)");
    }

    /** Runs the command line and returns its exit code, without exiting (for tests and embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(out, err, new DjlStudyEngine(), args);
    }

    /** {@link #execute(PrintWriter, PrintWriter, String...)} with studies trained on {@code studyEngine}. */
    public static int execute(PrintWriter out, PrintWriter err, StudyEngine studyEngine, String... args) {
        return CommandLines.execute(new WinnowCli(studyEngine), out, err, args);
    }

    public static void main(String[] args) {
        System.exit(CommandLines.executeOnConsole(new WinnowCli(new DjlStudyEngine()), args));
    }
}
