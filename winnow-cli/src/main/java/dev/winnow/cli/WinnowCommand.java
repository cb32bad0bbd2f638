package dev.winnow.cli;

import dev.winnow.catalogue.Catalogue;
import dev.winnow.catalogue.Entry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * What the {@code winnow} commands that do the work (train, import, score, select, prune, bench) share:
 * {@code --help} and {@code --version}, options listed in the order they are declared (picocli merges
 * this class's {@code @Command} into the subclass's), the command's spec, through which it prints to its own
 * streams, and usage errors that name the command ({@link #usage}, {@link #orUsage}). A command whose help
 * lists part of the catalogue adds its own {@code @Spec} method and fills it in with {@link #withCatalogue}.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
abstract class WinnowCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command's standard output. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The command's standard error, where progress and notes go. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A usage error of this command (exit 2, the message, and where its {@code --help} is). */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /**
     * What {@code value} gives; an {@link IllegalArgumentException} from it, which is how the core's parsers
     * and validators refuse a flag's value, is a usage error of this command with the core's message.
     */
    <T> T orUsage(Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** A usage error "{@code flags} must be >= 1" unless every value is at least 1. */
    void atLeastOne(String flags, int... values) {
        for (int v : values) {
            if (v < 1) {
                throw usage(flags + " must be >= 1");
            }
        }
    }

    /**
     * Help text lines with the line {@code marker} replaced by the catalogue's lines for {@code entries}
     * (each entry, its parameters and its paper), wrapped to {@code width}.
     */
    static String[] withCatalogue(String[] lines, String marker, List<Entry> entries, int width) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.equals(marker)) {
                out.addAll(Catalogue.helpLines(entries, width));
            } else {
                out.add(line);
            }
        }
        return out.toArray(String[]::new);
    }
}
