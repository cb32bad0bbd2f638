package dev.winnow.spark;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.score.MissingPolicy;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;
import dev.winnow.score.Scores;
import dev.winnow.select.Budget;
import dev.winnow.select.KeepListWriter;
import dev.winnow.select.SelectOptions;
import dev.winnow.select.Selector;
import dev.winnow.select.Strategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The thin application jar on a real cluster: a Spark standalone Master and two one-core Workers on
 * localhost, each in its own JVM ({@link StandaloneCluster}); {@code spark-submit} ships the jar and its
 * three dependencies to executors in other JVMs (and {@code winnow spark --master spark://…} ships them
 * itself). The keep-list equals the core's byte for byte; then one
 * worker's executor is killed (SIGKILL, by process id) while the job runs, after it wrote shuffle files,
 * and Spark's retry gives the same bytes. Time-boxed: the whole class has 20 minutes (about a minute on an idle two-core machine).
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {
    private static final String[] SELECT = {"--score", "el2n@3", "--missing", "hardest", "--keep", "0.3",
        "--strategy", "stratified", "--bins", "10", "--drop-hardest", "0.05", "--class-balanced", "--seed", "7"};
    private static final List<String> CONF = List.of("spark.executor.memory=512m",
            "spark.sql.shuffle.partitions=4", "spark.default.parallelism=4", "spark.ui.enabled=false");

    private static Path dir;
    private static Path parquet;
    private static String coreCsv;
    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        dir = Path.of("target", "standalone-cluster-test").toAbsolutePath();
        dev.winnow.io.AtomicFiles.deleteQuietly(dir);
        Path store = TestStores.write(dir.resolve("store"), 6_000, 11);
        parquet = dir.resolve("dyn.parquet");
        ParquetExport.export(store, parquet, false, line -> { });
        SelectOptions options = SelectOptions.of(Strategy.STRATIFIED, new Budget.Fraction(0.3), 7)
                .withBins(10).withDropHardest(0.05).withClassBalanced(true);
        coreCsv = KeepListWriter.csvText(Selector.select(Scores.table(DynamicsStore.open(store),
                ScoreSpec.parse("el2n@3").create(ScoreOptions.defaults()), MissingPolicy.HARDEST), options));
        cluster = new StandaloneCluster(dir.resolve("cluster"), 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void submittedJarKeepsWhatTheCoreKeeps() throws Exception {
        Path out = dir.resolve("keep.csv");
        Path log = dir.resolve("submit-1.log");
        Process driver = cluster.submit(log, CONF, args(out));
        assertThat(driver.waitFor(8, TimeUnit.MINUTES)).as("spark-submit finished; see %s", log).isTrue();
        assertThat(driver.exitValue()).as("spark-submit's exit code; see %s", log).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(coreCsv);
        assertThat(Files.readString(dir.resolve("keep.json"))).contains("\"strategy\" : \"stratified\"");
        assertThat(Files.readString(log)).as("the executors ran on the workers")
                .contains("Granted executor ID").doesNotContain("Lost executor");
    }

    @Test
    @Order(2)
    void theLauncherShipsItsJarsToTheCluster() throws Exception {
        Path out = dir.resolve("keep-launcher.csv");
        Path log = dir.resolve("launcher.log");
        Process driver = cluster.launcher(log, CONF, args(out));
        assertThat(driver.waitFor(8, TimeUnit.MINUTES)).as("winnow spark finished; see %s", log).isTrue();
        assertThat(driver.exitValue()).as("winnow spark's exit code; see %s", log).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(coreCsv);
    }

    @Test
    @Order(3)
    void aKilledExecutorChangesNothing() throws Exception {
        Path out = dir.resolve("keep-after-kill.csv");
        Path log = dir.resolve("submit-2.log");
        Process driver = cluster.submit(log, CONF, args(out));
        // as soon as worker 0's executor has written a shuffle file, kill it: the job is running then
        long killed = -1;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (killed < 0 && driver.isAlive() && System.nanoTime() < deadline) {
            List<ProcessHandle> executors = cluster.executors(0);
            if (!executors.isEmpty() && hasShuffleFile(cluster.workerLocalDir(0))) {
                ProcessHandle victim = executors.get(0);
                assertThat(victim.destroyForcibly()).isTrue();
                victim.onExit().get(1, TimeUnit.MINUTES);
                killed = victim.pid();
            }
            Thread.sleep(20);
        }
        assertThat(killed).as("an executor was killed while the job ran; see %s", log).isPositive();
        assertThat(out).as("the job had not finished when the executor died").doesNotExist();
        assertThat(driver.waitFor(8, TimeUnit.MINUTES)).as("spark-submit finished; see %s", log).isTrue();
        assertThat(driver.exitValue()).as("spark-submit's exit code; see %s", log).isZero();
        assertThat(Files.readString(log)).as("the driver saw the executor go").contains("Lost executor");
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(coreCsv);
    }

    private static String[] args(Path out) {
        return Stream.concat(Stream.of("select", "--parquet", parquet.toString(), "--out", out.toString()),
                Stream.of(SELECT)).toArray(String[]::new);
    }

    private static boolean hasShuffleFile(Path local) throws IOException {
        if (!Files.isDirectory(local)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(local)) {
            Optional<Path> any = files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith("shuffle_") && n.endsWith(".data");
            }).findAny();
            return any.isPresent();
        } catch (java.io.UncheckedIOException e) {
            return false; // a folder vanished while walking
        }
    }
}
