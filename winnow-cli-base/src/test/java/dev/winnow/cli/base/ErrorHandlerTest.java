package dev.winnow.cli.base;

import dev.winnow.WinnowException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** Exit codes and the one line on stderr, for each kind of failure, through a real picocli command. */
class ErrorHandlerTest {
    @Command(name = "winnow", subcommands = Fail.class)
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "fail")
    static final class Fail implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--what", required = true)
        String what;

        @Option(names = "--n")
        int n;

        @Override
        public Integer call() {
            switch (what) {
                case "ok" -> spec.commandLine().getOut().println("done");
                case "usage" -> throw new CommandLine.ParameterException(spec.commandLine(), "--n must be >= 1");
                case "argument" -> throw new IllegalArgumentException("unknown strategy 'moderate'");
                case "data" -> throw new WinnowException("scores.csv: line 3 is not id,label,score numbers");
                case "io" -> throw new UncheckedIOException(new NoSuchFileException("logits.npy"));
                case "spark" -> throw new RuntimeException("Job aborted.\n\tat somewhere",
                        new RuntimeException("Task failed", new WinnowException("dyn.parquet: no column 'id'")));
                case "task-argument" -> throw new RuntimeException("Job aborted.",
                        new IllegalArgumentException("bad index"));
                default -> throw new IllegalStateException("boom\nsecond line");
            }
            return 0;
        }
    }

    record Run(int code, String out, String err) {
    }

    static Run run(boolean debug, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandLines.create(new Root(), new PrintWriter(out, true), new PrintWriter(err, true),
                new ErrorHandler(debug)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(false, args);
    }

    @Test
    void successIsZeroAndPrintsOnTheCommandsOwnStream() {
        Run r = run("fail", "--what", "ok");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("done" + System.lineSeparator());
        assertThat(r.err()).isEmpty();
    }

    @Test
    void parseErrorsAreUsageErrorsWithAPointerToHelp() {
        Run r = run("fail", "--what", "ok", "--n", "three");
        assertThat(r.code()).isEqualTo(ErrorHandler.USAGE).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(2);
        assertThat(r.err().lines().findFirst().orElseThrow()).startsWith("winnow: Invalid value for option '--n'");
        assertThat(r.err().lines().skip(1).findFirst().orElseThrow()).isEqualTo("(see 'winnow fail --help')");
        assertThat(run("fail").code()).isEqualTo(2);
        assertThat(run("nope").code()).isEqualTo(2);
    }

    @Test
    void aCommandsOwnChecksAndTheCoresArgumentErrorsAreUsageErrors() {
        Run checked = run("fail", "--what", "usage");
        assertThat(checked.code()).isEqualTo(2);
        assertThat(checked.err().lines().toList()).containsExactly("winnow: --n must be >= 1", "(see 'winnow fail --help')");
        Run argument = run("fail", "--what", "argument");
        assertThat(argument.code()).isEqualTo(2);
        assertThat(argument.err().lines().toList())
                .containsExactly("winnow: unknown strategy 'moderate'", "(see 'winnow fail --help')");
    }

    @Test
    void dataErrorsAreOneLineAndExitOne() {
        Run data = run("fail", "--what", "data");
        assertThat(data.code()).isEqualTo(ErrorHandler.FAILED).isEqualTo(1);
        assertThat(data.err()).isEqualTo("winnow: scores.csv: line 3 is not id,label,score numbers" + System.lineSeparator());
        Run io = run("fail", "--what", "io");
        assertThat(io.code()).isEqualTo(1);
        assertThat(io.err().strip()).isEqualTo("winnow: logits.npy");
        Run spark = run("fail", "--what", "spark");
        assertThat(spark.code()).isEqualTo(1);
        assertThat(spark.err().strip()).isEqualTo("winnow: dyn.parquet: no column 'id'");
    }

    @Test
    void anythingElseIsAnInternalErrorToReport() {
        Run bug = run("fail", "--what", "bug");
        assertThat(bug.code()).isEqualTo(1);
        assertThat(bug.err().strip()).isEqualTo("winnow: internal error: java.lang.IllegalStateException: boom"
                + " — please report it (WINNOW_DEBUG=1 shows the stack trace)");
        // an argument error deep inside a job is not the user's flag: internal, not usage
        Run task = run("fail", "--what", "task-argument");
        assertThat(task.code()).isEqualTo(1);
        assertThat(task.err()).startsWith("winnow: internal error: java.lang.RuntimeException: Job aborted.");
    }

    @Test
    void debugPrintsTheStackTraceFirst() {
        Run r = run(true, "fail", "--what", "data");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("\tat ").endsWith("winnow: scores.csv: line 3 is not id,label,score numbers"
                + System.lineSeparator());
        assertThat(run(false, "fail", "--what", "bug").err()).doesNotContain("\tat ");
    }

    @Test
    void kindLooksThroughTheCauseChain() {
        assertThat(ErrorHandler.kind(new IllegalArgumentException("x"))).isEqualTo(ErrorHandler.Kind.USAGE);
        assertThat(ErrorHandler.kind(new RuntimeException(new WinnowException("x")))).isEqualTo(ErrorHandler.Kind.DATA);
        assertThat(ErrorHandler.kind(new UncheckedIOException(new NoSuchFileException("f"))))
                .isEqualTo(ErrorHandler.Kind.DATA);
        assertThat(ErrorHandler.kind(new NullPointerException())).isEqualTo(ErrorHandler.Kind.INTERNAL);
        Throwable inner = new WinnowException("inner");
        assertThat(ErrorHandler.userError(new RuntimeException("outer", new RuntimeException(inner)))).isSameAs(inner);
    }
}
