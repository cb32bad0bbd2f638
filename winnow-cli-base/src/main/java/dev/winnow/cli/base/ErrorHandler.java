package dev.winnow.cli.base;

import dev.winnow.WinnowException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * How {@code winnow} and {@code winnow spark} turn a failure into one line on stderr and an exit code, so
 * that both programs answer the same mistake the same way:
 * <ul>
 *   <li>a usage error exits with {@value #USAGE}: a picocli {@link ParameterException} (unknown flag, bad
 *       value, or one a command throws after its own checks), or an {@link IllegalArgumentException} that
 *       reaches the top, which is how the core's parsers and validators refuse a spec or a flag value;
 *       the line is followed by a pointer to the command's {@code --help};</li>
 *   <li>a data error exits with {@value #FAILED}: a {@link WinnowException} or an I/O error, anywhere in the
 *       cause chain (Spark wraps a task's exception twice before the driver sees it);</li>
 *   <li>anything else is an internal error, also {@value #FAILED}, with a request to report it.</li>
 * </ul>
 * The stack trace is printed only when {@code debug} is set (the programs set it from {@code WINNOW_DEBUG}).
 */
public final class ErrorHandler implements CommandLine.IParameterExceptionHandler,
        CommandLine.IExecutionExceptionHandler {
    /** Exit code of a run that failed on its data (or an internal error). */
    public static final int FAILED = 1;
    /** Exit code of a usage error. */
    public static final int USAGE = 2;

    /** What kind of failure an exception is, for the exit code and the line the user reads. */
    public enum Kind {
        USAGE, DATA, INTERNAL
    }

    private static final String PREFIX = "winnow: ";

    private final boolean debug;

    /** {@code debug}: print the stack trace before the line. */
    public ErrorHandler(boolean debug) {
        this.debug = debug;
    }

    /** The handler of a program started from the shell: debug when {@code WINNOW_DEBUG} is set. */
    public static ErrorHandler fromEnvironment() {
        return new ErrorHandler(System.getenv("WINNOW_DEBUG") != null);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        return usage(ex.getCommandLine(), ex.getMessage(), ex);
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parsed) {
        Throwable cause = userError(ex);
        return switch (kind(ex)) {
            case USAGE -> usage(cause instanceof ParameterException pe ? pe.getCommandLine() : commandLine,
                    cause.getMessage(), ex);
            case DATA -> fail(commandLine.getErr(), ex, message(cause));
            case INTERNAL -> fail(commandLine.getErr(), ex, "internal error: " + firstLine(String.valueOf(ex))
                    + " — please report it (WINNOW_DEBUG=1 shows the stack trace)");
        };
    }

    /** The kind of failure {@code e} is (see the class comment). */
    public static Kind kind(Throwable e) {
        Throwable t = userError(e);
        if (t instanceof ParameterException || t instanceof IllegalArgumentException) {
            return Kind.USAGE;
        }
        if (t instanceof WinnowException || t instanceof IOException) {
            return Kind.DATA;
        }
        return Kind.INTERNAL;
    }

    /**
     * The exception whose message the user should read: the first {@link WinnowException} or
     * {@link ParameterException} in the cause chain, the {@link IOException} inside the first
     * {@link UncheckedIOException}, else {@code e} itself.
     */
    public static Throwable userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WinnowException || t instanceof ParameterException) {
                return t;
            }
            if (t instanceof UncheckedIOException u && u.getCause() != null) {
                return u.getCause();
            }
        }
        return e;
    }

    private int usage(CommandLine cl, String message, Throwable ex) {
        PrintWriter err = cl.getErr();
        trace(err, ex);
        err.println(PREFIX + message);
        err.println("(see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USAGE;
    }

    private int fail(PrintWriter err, Throwable ex, String line) {
        trace(err, ex);
        err.println(PREFIX + line);
        err.flush();
        return FAILED;
    }

    private void trace(PrintWriter err, Throwable ex) {
        if (debug) {
            ex.printStackTrace(err);
        }
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** The first line of {@code s} (Spark's messages run over many lines). */
    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
