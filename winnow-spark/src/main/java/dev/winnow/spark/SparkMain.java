package dev.winnow.spark;

import dev.winnow.WinnowException;
import dev.winnow.score.MissingPolicy;
import dev.winnow.select.SelectOptions;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code winnow spark score|select} and {@code winnow export}: the core's scores and selections over
 * Parquet dynamics on Spark. Runs in a local session ({@code local[*]}) unless {@code --master} says
 * otherwise or it was started by {@code spark-submit}. Exit codes as the {@code winnow} command: 0 success,
 * 1 the data or a run failed, 2 a usage error; a user's mistake is one line ({@code WINNOW_DEBUG=1} shows
 * the stack trace).
 */
@Command(name = "winnow spark",
        mixinStandardHelpOptions = true,
        description = {
            "The scores and selections of winnow-core over dynamics in Parquet, on Apache Spark.",
            "Same definitions, same keep-lists: a keep-list from here equals the core's on the same data and seed.",
        },
        subcommands = {
            SparkMain.Score.class,
            SparkMain.Select.class,
            SparkMain.Export.class,
            CommandLine.HelpCommand.class,
        })
public final class SparkMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: score, select or export");
    }

    /** Options every Spark command takes. */
    static class SessionOptions {
        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master (default: local[*], or what spark-submit set)")
        String master;

        @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting (repeatable)")
        Map<String, String> conf = new LinkedHashMap<>();

        @Option(names = "--force", description = "overwrite an existing output")
        boolean force;

        @Option(names = "--explain", description = "print the physical plans of the jobs (stderr)")
        boolean explain;

        SparkSession session(String what) {
            SparkSession.Builder b = SparkSession.builder().appName("winnow " + what);
            if (master != null) {
                b.master(master);
            } else if (!new SparkConf().contains("spark.master")) {
                b.master("local[*]");
            }
            b.config("spark.ui.showConsoleProgress", "false");
            if (master == null && !new SparkConf().contains("spark.master")) {
                b.config("spark.ui.enabled", "false");
            }
            conf.forEach(b::config);
            SparkSession spark = b.getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            return spark;
        }
    }

    /** Input and score, shared by score and select. */
    static class ScoreInput {
        @Option(names = "--parquet", required = true, paramLabel = "IN", description = "dynamics in Parquet (file or folder)")
        String parquet;

        @Option(names = "--score", required = true, paramLabel = "S",
                description = "el2n@E, grand@E, loss@E, entropy@E, least_confidence@E, margin@E, forgetting, aum, cat@K")
        String score;

        @Option(names = "--missing", defaultValue = "fail", paramLabel = "POLICY",
                description = "examples never observed where the score looks: fail (default), hardest, easiest")
        String missing;

        Dataset<Row> scores(SparkSession spark, boolean explain) {
            MissingPolicy policy = MissingPolicy.of(missing);
            SparkScores.plan(score);
            DynamicsParquet dyn = DynamicsParquet.read(spark, parquet);
            Dataset<Row> raw = SparkScores.compute(dyn, score);
            if (explain) {
                System.err.println("== score " + score + " ==");
                System.err.println(raw.queryExecution().executedPlan().treeString());
            }
            raw = raw.persist(StorageLevel.MEMORY_AND_DISK());
            return MissingScores.resolve(raw, policy, score, parquet);
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Score every example: one row (id, label, score) per example, higher = harder.")
    static final class Score implements Callable<Integer> {
        @CommandLine.Mixin
        ScoreInput input;

        @CommandLine.Mixin
        SessionOptions session;

        @Option(names = "--out", required = true, paramLabel = "OUT",
                description = "OUT.csv: one CSV id,label,score sorted by id; else a Parquet folder")
        String out;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            SparkSession spark = session.session("score");
            Dataset<Row> scores = input.scores(spark, session.explain);
            Outputs.writeScores(spark, scores, out, session.force);
            System.err.printf("score: wrote %s (%s) in %.1f s%n", out, input.score, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    @Command(name = "select", mixinStandardHelpOptions = true,
            description = "Score, then select a keep-list (id, weight) with the core's exact rules.")
    static final class Select implements Callable<Integer> {
        @CommandLine.Mixin
        ScoreInput input;

        @CommandLine.Mixin
        SessionOptions session;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Keep budget;

        static final class Keep {
            @Option(names = "--keep", paramLabel = "F", description = "keep fraction F: k = max(1, floor(F·N))")
            Double fraction;

            @Option(names = "--keep-count", paramLabel = "K", description = "keep K examples")
            Long count;
        }

        @Option(names = "--strategy", required = true, paramLabel = "S",
                description = "hard, easy, window, random, stratified or calibrated")
        String strategy;

        @Option(names = "--class-balanced", description = "per-class quotas proportional to class size")
        boolean classBalanced;

        @Option(names = "--offset", paramLabel = "O",
                description = "window: skip the hardest floor(O * N) first, 0 <= O < 1 (required for window)")
        Double offset;

        @Option(names = "--bins", paramLabel = "B",
                description = "stratified: equal-width score bins (default " + SelectOptions.DEFAULT_BINS + ")")
        Integer bins;

        @Option(names = "--drop-hardest", paramLabel = "BETA",
                description = "stratified: drop the hardest floor(BETA * N) first, 0 <= BETA < 1 (default 0)")
        Double dropHardest;

        @Option(names = "--alpha", paramLabel = "A",
                description = "calibrated: floor(A * k) hardest, the rest random, 0 <= A < 1 (default "
                        + SelectOptions.DEFAULT_ALPHA + ")")
        Double alpha;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "seed of the random keys (default 0)")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "OUT",
                description = "OUT.csv: one CSV id,weight sorted by id; else a Parquet folder")
        String out;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            SelectOptions spec = options();
            SparkSession spark = session.session("select");
            Dataset<Row> scores = input.scores(spark, session.explain);
            Ranks ranks = new Ranks(session.explain);
            try {
                Dataset<Row> keep = SparkSelect.select(scores, spec, ranks);
                if (session.explain) {
                    System.err.println("== select " + strategy + " ==");
                    System.err.println(keep.queryExecution().executedPlan().treeString());
                }
                Outputs.writeKeepList(spark, keep, out, session.force);
            } finally {
                ranks.release();
            }
            System.err.printf("select: wrote %s (%s, %s) in %.1f s%n", out, input.score, strategy,
                    (System.nanoTime() - start) / 1e9);
            return 0;
        }

        /** The core's options, with the same checks as {@code winnow select}. */
        private SelectOptions options() {
            return SelectOptions.fromFlags(strategy, budget.fraction, budget.count, classBalanced, offset, bins,
                    dropHardest, alpha, seed);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Convert a dynamics store (NPY) to dynamics in Parquet, one file per observation, streaming.")
    static final class Export implements Callable<Integer> {
        @Option(names = "--dynamics", required = true, paramLabel = "DIR", description = "the dynamics store")
        Path dynamics;

        @Option(names = "--parquet", required = true, paramLabel = "OUT", description = "the Parquet folder to write")
        Path parquet;

        @Option(names = "--force", description = "overwrite an existing output")
        boolean force;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            long rows = ParquetExport.export(dynamics, parquet, force, System.err::println);
            System.err.printf("export: wrote %,d rows to %s in %.1f s%n", rows, parquet, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    /** Runs the command line and returns its exit code, without exiting (for tests and embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new SparkMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("winnow: " + ex.getMessage());
            err.println("(see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (System.getenv("WINNOW_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            Throwable root = userError(ex);
            if (root instanceof IllegalArgumentException || root instanceof CommandLine.ParameterException) {
                err.println("winnow: " + root.getMessage());
                err.flush();
                return 2;
            }
            if (root instanceof WinnowException || root instanceof IOException) {
                err.println("winnow: " + root.getMessage());
            } else {
                err.println("winnow: internal error: " + DynamicsParquet.firstLine(String.valueOf(ex))
                        + " (WINNOW_DEBUG=1 shows the stack trace)");
            }
            err.flush();
            return 1;
        });
        return cl.execute(args);
    }

    /**
     * The user's mistake inside {@code e}: a WinnowException thrown in a Spark task reaches the driver
     * wrapped (SparkException, then the task's failure); the first one in the cause chain is the message.
     */
    static Throwable userError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WinnowException || t instanceof CommandLine.ParameterException) {
                return t;
            }
            if (t instanceof UncheckedIOException u) {
                return u.getCause();
            }
        }
        return e;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(out, err, args);
        scala.Option<SparkSession> active = SparkSession.getActiveSession();
        if (active.isDefined()) {
            active.get().stop();
        }
        System.exit(code);
    }
}
