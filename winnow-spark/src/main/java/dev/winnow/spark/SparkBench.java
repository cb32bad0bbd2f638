package dev.winnow.spark;

import dev.winnow.cli.base.SelectionOptions;
import dev.winnow.cli.base.ToolVersion;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;
import dev.winnow.io.AtomicFiles;
import dev.winnow.score.MissingPolicy;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;
import dev.winnow.score.Scores;
import dev.winnow.select.KeepListProvenance;
import dev.winnow.select.KeepListWriter;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.Selector;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code winnow spark bench}: Spark against the memory-mapped core, and the exports against a plain Parquet
 * writer, all measured in one run on one store. Prints the export times of both layouts beside
 * parquet-hadoop's example writer ({@code ExampleParquetWriter}, default settings but Snappy) writing the
 * same rows, the core's score + select + CSV, Spark's start-up, and {@code winnow spark select} over each
 * layout (the command's whole path, keep.json included), each as a ratio to its baseline and with whether
 * the keep-list's bytes equal the core's. The selection arguments after {@code --} are those of
 * {@code winnow spark select} and mean the same to the core.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time Spark against the core, and the exports against a plain Parquet writer, in one run.")
final class SparkBench implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dynamics", required = true, paramLabel = "DIR", description = "the dynamics store")
    Path dynamics;

    @Option(names = "--work", required = true, paramLabel = "DIR", description = "scratch folder (replaced)")
    Path work;

    @Option(names = "--master", defaultValue = "local[2]", paramLabel = "URL", description = "default: local[2]")
    String master;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "R", description = "selection rounds (default 1)")
    int repeat;

    @Option(names = "--skip-export",
            description = "reuse the Parquet folders of an earlier run in --work (only the layouts present run)")
    boolean skipExport;

    @Parameters(paramLabel = "SELECT", description = "after --: --score S [--missing P] and the selection options")
    List<String> select = new ArrayList<>();

    /** The selection arguments, read as the core reads them. */
    @Command(name = "select")
    static final class CoreSelect {
        @Option(names = "--score", required = true)
        String score;

        @Option(names = "--missing", defaultValue = "fail")
        String missing;

        @CommandLine.Mixin
        SelectionOptions selection;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        CoreSelect core = new CoreSelect();
        CommandLine cl = new CommandLine(core);
        cl.parseArgs(select.toArray(new String[0]));
        SelectOptions options = core.selection.toOptions(cl);
        Path longP = work.resolve("long.parquet");
        Path wideP = work.resolve("wide.parquet");
        if (!skipExport) {
            AtomicFiles.deleteQuietly(work);
            Files.createDirectories(work);
            double longS = time(() -> ParquetExport.export(dynamics, longP, true, s -> { }));
            double plainLongS = time(() -> plainLong(dynamics, work.resolve("plain-long")));
            double wideS = time(() -> WideExport.export(dynamics, wideP, true, s -> { }));
            double plainWideS = time(() -> plainWide(dynamics, work.resolve("plain-wide")));
            line(err, "export long: %.2f s; plain Parquet writer, same rows: %.2f s; ratio %.2f", longS, plainLongS,
                    longS / plainLongS);
            line(err, "export wide: %.2f s; plain Parquet writer, same rows: %.2f s; ratio %.2f", wideS, plainWideS,
                    wideS / plainWideS);
        }
        long start = System.nanoTime();
        SparkSession spark = SparkMain.SessionOptions.tuned(SparkSession.builder().appName("winnow spark bench")
                .master(master).config("spark.ui.enabled", "false")).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        line(err, "spark start-up (%s): %.2f s", master, (System.nanoTime() - start) / 1e9);
        Path coreCsv = work.resolve("core.csv");
        for (int round = 1; round <= repeat; round++) {
            DynamicsStore store = DynamicsStore.open(dynamics);
            double coreS = time(() -> KeepListWriter.write(Selector.select(Scores.table(store,
                    ScoreSpec.parse(core.score).create(ScoreOptions.defaults()), MissingPolicy.of(core.missing)),
                    options).withSources(List.of(KeepListProvenance.Input.of("dynamics", dynamics)), ToolVersion.get()),
                    coreCsv, true));
            byte[] want = Files.readAllBytes(coreCsv);
            long rows = -1; // the header
            for (byte b : want) {
                rows += b == '\n' ? 1 : 0;
            }
            line(err, "round %d: core (memory-mapped store): %.2f s, %d keep-list rows", round, coreS, rows);
            for (Path in : List.of(longP, wideP)) {
                if (!Files.isDirectory(in)) {
                    line(err, "round %d: %s is not in --work: skipped", round, in.getFileName());
                    continue;
                }
                Path out = work.resolve("spark-" + in.getFileName().toString().replace(".parquet", "") + ".csv");
                List<String> args = new ArrayList<>(List.of("select", "--parquet", in.toString(), "--out",
                        out.toString(), "--force"));
                args.addAll(select);
                StringWriter msg = new StringWriter();
                double[] code = new double[1];
                double s = time(() -> code[0] = SparkMain.execute(new PrintWriter(msg), new PrintWriter(msg),
                        args.toArray(new String[0])));
                boolean same = code[0] == 0 && Arrays.equals(want, Files.readAllBytes(out));
                line(err, "round %d: spark %s: %.2f s = %.1f× core; keep-list byte-identical: %s", round,
                        in.getFileName(), s, s / coreS, same ? "yes" : "NO " + msg.toString().strip());
            }
        }
        return 0;
    }

    /** The long layout's rows written by the plain example writer, one file per observation. */
    static void plainLong(Path storeDir, Path out) throws IOException {
        DynamicsStore store = DynamicsStore.open(storeDir);
        List<String> signals = store.manifest().signals();
        MessageType schema = ParquetExport.schema(signals);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        Files.createDirectories(out);
        for (int t = 0; t < store.observations().size(); t++) {
            Observation o = store.observations().get(t);
            FloatBuffer[] values = new FloatBuffer[signals.size()];
            for (int s = 0; s < values.length; s++) {
                values[s] = store.signal(signals.get(s), t);
            }
            try (ParquetWriter<Group> w = writer(out.resolve(String.format("part-%05d.parquet", t)), schema)) {
                for (int i = 0; i < store.examples(); i++) {
                    Group g = groups.newGroup().append(DynamicsParquet.RUN, o.run())
                            .append(DynamicsParquet.EPOCH, o.epoch()).append(DynamicsParquet.KIND, o.kind().json())
                            .append(DynamicsParquet.T, t).append(DynamicsParquet.ID, store.ids()[i])
                            .append(DynamicsParquet.LABEL, store.labels()[i]);
                    for (int s = 0; s < values.length; s++) {
                        g.append(signals.get(s), values[s].get(i));
                    }
                    w.write(g);
                }
            }
        }
    }

    /** The wide layout's rows written by the plain example writer, one file. */
    static void plainWide(Path storeDir, Path out) throws IOException {
        DynamicsStore store = DynamicsStore.open(storeDir);
        List<String> signals = store.manifest().signals();
        MessageType schema = WideLayout.schema(store.observations(), signals);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        int columns = store.observations().size() * signals.size();
        FloatBuffer[] values = new FloatBuffer[columns];
        for (int c = 0; c < columns; c++) {
            values[c] = store.signal(signals.get(c % signals.size()), c / signals.size());
        }
        Files.createDirectories(out);
        try (ParquetWriter<Group> w = writer(out.resolve("part-00000.parquet"), schema)) {
            for (int i = 0; i < store.examples(); i++) {
                Group g = groups.newGroup().append(DynamicsParquet.ID, store.ids()[i])
                        .append(DynamicsParquet.LABEL, store.labels()[i]);
                for (int c = 0; c < columns; c++) {
                    g.add(2 + c, values[c].get(i));
                }
                w.write(g);
            }
        }
    }

    private static ParquetWriter<Group> writer(Path file, MessageType schema) throws IOException {
        Configuration conf = new Configuration();
        FileSystem.getLocal(conf).setWriteChecksum(false);
        return ExampleParquetWriter.builder(HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))
                .withConf(conf).withType(schema).withCompressionCodec(CompressionCodecName.SNAPPY).build();
    }

    interface Step {
        void run() throws IOException;
    }

    private static double time(Step step) throws IOException {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void line(PrintWriter err, String format, Object... args) {
        err.printf(format + "%n", args);
        err.flush();
    }
}
