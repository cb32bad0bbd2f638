package dev.winnow.cli.base;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Starts a Winnow program ({@code winnow}, {@code winnow spark}) the one way both use: the given output and
 * error streams on every command (commands print through {@code spec.commandLine().getOut()/getErr()},
 * so a test reads what a user would see) and {@link ErrorHandler} for every failure.
 */
public final class CommandLines {
    private CommandLines() {
    }

    /** The command line of {@code root} with its streams and the error handler set. */
    public static CommandLine create(Object root, PrintWriter out, PrintWriter err, ErrorHandler errors) {
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        return cl;
    }

    /** Runs {@code root} on {@code args} and returns the exit code, without exiting (tests, embedding). */
    public static int execute(Object root, PrintWriter out, PrintWriter err, String... args) {
        return create(root, out, err, ErrorHandler.fromEnvironment()).execute(args);
    }

    /** Runs {@code root} on the process's own stdout and stderr and returns the exit code (for {@code main}). */
    public static int executeOnConsole(Object root, String... args) {
        return execute(root, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }
}
