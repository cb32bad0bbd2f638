package dev.winnow.cli.base;

import picocli.CommandLine.Option;

/**
 * {@code --force}, for commands whose output option is their own (a Parquet folder, the demo's folder):
 * an existing output is never replaced without it.
 */
public final class Overwrite {
    static final String DESCRIPTION = "overwrite outputs that already exist (without it they are refused)";

    @Option(names = "--force", description = DESCRIPTION)
    boolean force;

    /** Whether existing outputs may be replaced. */
    public boolean force() {
        return force;
    }
}
