package dev.winnow.spark;

import dev.winnow.cli.base.CommandLines;
import dev.winnow.cli.base.Overwrite;
import dev.winnow.cli.base.SelectionOptions;
import dev.winnow.cli.base.ToolVersion;
import dev.winnow.score.MissingPolicy;
import dev.winnow.select.KeepListProvenance;
import dev.winnow.select.SelectOptions;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code winnow spark score|select} and {@code winnow export}: the core's scores and selections over
 * Parquet dynamics on Spark; {@code winnow spark duplicates}: the core's near-duplicate groups. Runs in a local session ({@code local[*]}) unless {@code --master} says
 * otherwise or it was started by {@code spark-submit}. The selection options, {@code --force}, the exit
 * codes (0 success, 1 the data or a run failed, 2 a usage error) and the one-line errors
 * ({@code WINNOW_DEBUG=1} shows the stack trace) are those of the {@code winnow} command, from winnow-cli-base.
 */
@Command(name = "winnow spark",
        mixinStandardHelpOptions = true,
        versionProvider = ToolVersion.class,
        description = {
            "The scores and selections of winnow-core over dynamics in Parquet, on Apache Spark.",
            "Same definitions, same keep-lists: a keep-list from here equals the core's on the same data and seed.",
        },
        subcommands = {
            SparkMain.Score.class,
            SparkMain.Select.class,
            SparkMain.Export.class,
            SparkBench.class,
            SparkDuplicatesCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class SparkMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: score, select, export, bench or duplicates");
    }

    /** Options every Spark command takes. */
    static class SessionOptions {
        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master (default: local[*], or what spark-submit set); on a cluster this "
                        + "module's jars are shipped to the executors unless --conf spark.jars=... says otherwise")
        String master;

        @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "a Spark setting (repeatable)")
        Map<String, String> conf = new LinkedHashMap<>();

        @Option(names = "--explain", description = "print the physical plans of the jobs (stderr)")
        boolean explain;

        /**
         * Settings every session of this module starts with (a {@code --conf} overrides them): no console
         * progress bar, and adaptive execution allowed to coalesce the shuffle partitions of persisted plans too
         * (the scores and the ranked rows are persisted; without it each of their stages keeps
         * {@code spark.sql.shuffle.partitions} tasks, mostly tiny ones).
         */
        static SparkSession.Builder tuned(SparkSession.Builder b) {
            return b.config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true");
        }

        SparkSession session(String what) {
            SparkSession.Builder b = SparkSession.builder().appName("winnow " + what);
            if (master != null) {
                b.master(master);
                String jars = applicationJars();
                if (!master.startsWith("local") && !jars.isEmpty() && !conf.containsKey("spark.jars")) {
                    // started by the launcher, not spark-submit: ship this module's jars to the executors
                    b.config("spark.jars", jars);
                }
            } else if (!new SparkConf().contains("spark.master")) {
                b.master("local[*]");
            }
            tuned(b);
            if (master == null && !new SparkConf().contains("spark.master")) {
                b.config("spark.ui.enabled", "false");
            }
            conf.forEach(b::config);
            SparkSession spark = b.getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            return spark;
        }
    }

    /**
     * The jars executors need besides Spark, as {@code spark.jars} lists them: those of this module, the
     * core, the shared command-line plumbing and picocli, when each was loaded from a jar (empty otherwise).
     */
    static String applicationJars() {
        List<String> jars = new java.util.ArrayList<>();
        for (Class<?> c : List.of(SparkMain.class, dev.winnow.score.ScoreSpec.class, CommandLines.class,
                CommandLine.class)) {
            java.security.CodeSource src = c.getProtectionDomain().getCodeSource();
            String path = src == null ? "" : src.getLocation().getPath();
            if (!path.endsWith(".jar")) {
                return "";
            }
            jars.add(path);
        }
        return String.join(",", jars);
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

        /** The scores, persisted; {@code explain}: where the plan goes, or null. */
        Dataset<Row> scores(SparkSession spark, PrintWriter explain) {
            MissingPolicy policy = MissingPolicy.of(missing);
            SparkScores.plan(score);
            DynamicsParquet dyn = DynamicsParquet.read(spark, parquet);
            Dataset<Row> raw = SparkScores.compute(dyn, score);
            Plans.print(explain, "score " + score, raw);
            raw = raw.persist(StorageLevel.MEMORY_AND_DISK());
            return MissingScores.resolve(raw, policy, score, parquet);
        }
    }

    /**
     * What score and select share: the input and its score, the session, {@code --force}, and a run that
     * checks the options, starts the session named after the command, writes, and closes with one line.
     */
    abstract static class ScoringCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ScoreInput input;

        @CommandLine.Mixin
        SessionOptions session;

        @CommandLine.Mixin
        Overwrite overwrite;

        /** Where {@code --explain} prints the plans: the command's stderr; null without {@code --explain}. */
        PrintWriter explain() {
            return session.explain ? spec.commandLine().getErr() : null;
        }

        @Override
        public final Integer call() {
            long start = System.nanoTime();
            checkOptions();
            String done = write(session.session(spec.name()));
            finished(spec, start, done);
            return 0;
        }

        /** Checks the command's own options before Spark starts (usage errors); nothing by default. */
        void checkOptions() {
        }

        /** Computes and writes the output; returns what the closing line says was done. */
        abstract String write(SparkSession spark);
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Score every example: one row (id, label, score) per example, higher = harder.")
    static final class Score extends ScoringCommand {
        @Option(names = "--out", required = true, paramLabel = "OUT",
                description = "OUT.csv: one CSV id,label,score sorted by id; else a Parquet folder")
        String out;

        @Override
        String write(SparkSession spark) {
            Outputs.writeScores(spark, input.scores(spark, explain()), out, overwrite.force());
            return String.format("score: wrote %s (%s)", out, input.score);
        }
    }

    @Command(name = "select", mixinStandardHelpOptions = true,
            description = "Score, then select a keep-list (id, weight) with the core's exact rules.")
    static final class Select extends ScoringCommand {
        @CommandLine.Mixin
        SelectionOptions selection;

        @Option(names = "--out", required = true, paramLabel = "OUT",
                description = "OUT.csv: one CSV id,weight sorted by id; else a Parquet folder")
        String out;

        private SelectOptions options;

        @Override
        void checkOptions() {
            options = selection.toOptions(spec.commandLine());
            if (options.strategy().readsFeatures()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--strategy " + options.strategy()
                        + " selects on features, which winnow spark select does not read (use winnow select --dynamics DIR)");
            }
        }

        @Override
        String write(SparkSession spark) {
            Dataset<Row> scores = input.scores(spark, explain());
            Ranks ranks = new Ranks(explain());
            try {
                Dataset<Row> keep = SparkSelect.select(scores, options, ranks);
                Plans.print(explain(), "select " + selection.strategy(), keep);
                Outputs.writeKeepList(spark, keep, out, overwrite.force(), provenance(options, scores.count()));
            } finally {
                ranks.release();
            }
            return String.format("select: wrote %s (%s, %s)", out, input.score, selection.strategy());
        }

        /**
         * What {@code keep.json} records of this selection: the options, N, the input dynamics (a local path,
         * hashed when it is one file; a file system URI such as {@code hdfs://…} is not recorded as a local
         * input) and the tool version.
         */
        KeepListProvenance.Selected provenance(SelectOptions options, long n) {
            List<KeepListProvenance.Input> inputs = input.parquet.contains("://") ? List.of()
                    : List.of(KeepListProvenance.Input.of("dynamics", Path.of(input.parquet)));
            return new KeepListProvenance.Selected(options, Math.toIntExact(n), inputs, ToolVersion.get());
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Convert a dynamics store (NPY) to dynamics in Parquet (long: one file per observation; "
                    + "wide: one row per example), streaming.")
    static final class Export implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--dynamics", required = true, paramLabel = "DIR", description = "the dynamics store")
        Path dynamics;

        @Option(names = "--parquet", required = true, paramLabel = "OUT", description = "the Parquet folder to write")
        Path parquet;

        /** The two Parquet layouts of dynamics. */
        enum Layout { LONG, WIDE }

        @Option(names = "--layout", defaultValue = "long", paramLabel = "L", converter = LayoutConverter.class,
                description = "long (default): a row per example and observation, a column per signal; "
                        + "wide: a row per example, a column per observation and signal (scores need no shuffle)")
        Layout layout;

        static final class LayoutConverter implements CommandLine.ITypeConverter<Layout> {
            @Override
            public Layout convert(String value) {
                return switch (value) {
                    case "long" -> Layout.LONG;
                    case "wide" -> Layout.WIDE;
                    default -> throw new CommandLine.TypeConversionException(
                            "unknown layout '" + value + "' (choose long or wide)");
                };
            }
        }

        @CommandLine.Mixin
        Overwrite overwrite;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            PrintWriter err = spec.commandLine().getErr();
            Consumer<String> progress = line -> {
                err.println(line);
                err.flush();
            };
            long rows = layout == Layout.WIDE ? WideExport.export(dynamics, parquet, overwrite.force(), progress)
                    : ParquetExport.export(dynamics, parquet, overwrite.force(), progress);
            finished(spec, start, String.format("export: wrote %,d rows to %s", rows, parquet));
            return 0;
        }
    }

    /** The closing line of a command on its stderr: what it did, and in how many seconds. */
    static void finished(CommandLine.Model.CommandSpec spec, long startNanos, String what) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf("%s in %.1f s%n", what, (System.nanoTime() - startNanos) / 1e9);
        err.flush();
    }

    /** Runs the command line and returns its exit code, without exiting (for tests and embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return CommandLines.execute(new SparkMain(), out, err, args);
    }

    public static void main(String[] args) {
        int code = CommandLines.executeOnConsole(new SparkMain(), args);
        scala.Option<SparkSession> active = SparkSession.getActiveSession();
        if (active.isDefined()) {
            active.get().stop();
        }
        System.exit(code);
    }
}
