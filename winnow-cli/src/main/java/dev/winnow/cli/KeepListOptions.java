package dev.winnow.cli;

import dev.winnow.cli.base.OutputOptions;
import dev.winnow.cli.base.SelectionOptions;
import dev.winnow.select.SelectOptions;
import picocli.CommandLine;

import java.nio.file.Path;

/**
 * The options of the commands that end in a keep-list ({@code winnow select}, {@code winnow prune}): how to
 * select it (budget, strategy, its parameters, seed) and where to write it ({@code --out}, {@code --force}),
 * in that order after the command's own options; declared once so that the two commands list them alike.
 */
final class KeepListOptions {
    @CommandLine.Mixin
    SelectionOptions selection;

    @CommandLine.Mixin
    OutputOptions output;

    /** The validated selection options; a bad value or combination is a usage error of {@code cl}. */
    SelectOptions toOptions(CommandLine cl) {
        return selection.toOptions(cl);
    }

    /** The output file or folder. */
    Path out() {
        return output.out();
    }

    /** Whether existing outputs may be replaced. */
    boolean force() {
        return output.force();
    }
}
