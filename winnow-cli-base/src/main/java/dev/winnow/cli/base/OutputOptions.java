package dev.winnow.cli.base;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --out} and {@code --force} of the commands that write to a local file or folder: what they write
 * is the command's own description; never over an existing output without {@code --force}.
 */
public final class OutputOptions {
    @Option(names = "--out", required = true, paramLabel = "OUT",
            description = "where to write (the file or folder described above)")
    Path out;

    @Option(names = "--force", description = Overwrite.DESCRIPTION)
    boolean force;

    /** The output file or folder. */
    public Path out() {
        return out;
    }

    /** Whether existing outputs may be replaced. */
    public boolean force() {
        return force;
    }
}
