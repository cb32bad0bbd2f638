package dev.winnow.cli.base;

import dev.winnow.select.Budget;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.Strategy;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared mixins as a command sees them: flags to the core's options, usage errors, help. */
class SelectionOptionsTest {
    @Command(name = "select", mixinStandardHelpOptions = true)
    static final class Select implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        SelectionOptions selection;

        @CommandLine.Mixin
        OutputOptions output;

        SelectOptions options;

        @Override
        public Integer call() {
            options = selection.toOptions(spec.commandLine());
            return 0;
        }
    }

    private String err;
    private String out;

    private int run(Select cmd, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = CommandLines.create(cmd, new PrintWriter(o, true), new PrintWriter(e, true), new ErrorHandler(false))
                .execute(args);
        err = e.toString();
        out = o.toString();
        return code;
    }

    @Test
    void flagsBecomeTheCoresOptionsWithItsDefaults() {
        Select cmd = new Select();
        assertThat(run(cmd, "--keep", "0.3", "--strategy", "stratified", "--drop-hardest", "0.1", "--out", "keep.csv"))
                .isZero();
        assertThat(cmd.options).isEqualTo(new SelectOptions(Strategy.STRATIFIED, new Budget.Fraction(0.3), false, 0.0,
                50, 0.1, 0.5, 0));
        assertThat(cmd.output.out()).isEqualTo(Path.of("keep.csv"));
        assertThat(cmd.output.force()).isFalse();

        Select counted = new Select();
        assertThat(run(counted, "--keep-count", "7", "--strategy", "calibrated", "--alpha", "0.25", "--class-balanced",
                "--seed", "9", "--out", "k.csv", "--force")).isZero();
        assertThat(counted.options).isEqualTo(new SelectOptions(Strategy.CALIBRATED, new Budget.Count(7), true, 0.0,
                50, 0.0, 0.25, 9));
        assertThat(counted.output.force()).isTrue();
        assertThat(counted.selection.strategy()).isEqualTo("calibrated");
    }

    @Test
    void badCombinationsAreUsageErrorsInTheCoresWords() {
        assertThat(run(new Select(), "--keep", "0.5", "--strategy", "hard", "--alpha", "0.3", "--out", "k.csv"))
                .isEqualTo(2);
        assertThat(err.lines().toList()).containsExactly("winnow: --alpha applies to --strategy calibrated only",
                "(see 'select --help')");
        assertThat(run(new Select(), "--keep", "0.5", "--keep-count", "3", "--strategy", "hard", "--out", "k.csv"))
                .isEqualTo(2);
        assertThat(run(new Select(), "--strategy", "hard", "--out", "k.csv")).isEqualTo(2);
        assertThat(run(new Select(), "--keep", "0.5", "--strategy", "hard")).isEqualTo(2);
        assertThat(err).contains("--out");
    }

    @Test
    void helpListsEveryOption() {
        assertThat(run(new Select(), "--help")).isZero();
        assertThat(out).contains("Budget (one of):", "--keep=F", "--keep-count=K", "--strategy=S", "--class-balanced",
                "--offset=O", "--bins=B", "(default 50)", "--drop-hardest=BETA", "--alpha=A", "(default 0.5)", "--seed=S",
                "--out=OUT", "--force");
    }
}
