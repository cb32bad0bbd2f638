package dev.winnow.spark;

import dev.winnow.cli.base.CommandLines;
import dev.winnow.score.ScoreSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on localhost made of Spark's own classes, each in its own JVM as
 * {@code sbin/start-master.sh} and {@code sbin/start-worker.sh} start them: a Master and workers of one core
 * each. Nothing is downloaded: the Spark home is a folder under {@code target/} whose {@code jars/} links the
 * Spark jars of the test classpath (a Worker launches executors with {@code SPARK_HOME/jars/*}, as on a
 * cluster) and nothing of Winnow, so the application's classes reach executors only the way
 * {@code spark-submit} ships them. {@link #submit} runs {@code org.apache.spark.deploy.SparkSubmit} in a
 * fresh JVM with that classpath, as {@code bin/spark-submit} does. {@link #close} ends every process it
 * started, executors first.
 */
final class StandaloneCluster implements AutoCloseable {
    /** What Spark's launcher passes to its JVMs on Java 17 (the surefire argLine has the same list). */
    private static final List<String> OPENS = Stream.of("java.lang", "java.lang.invoke", "java.lang.reflect",
                    "java.io", "java.net", "java.nio", "java.util", "java.util.concurrent",
                    "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs",
                    "sun.security.action", "sun.util.calendar")
            .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();
    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
    private static final Duration START = Duration.ofSeconds(120);

    private final Path dir;
    private final Path home;
    private final List<Process> started = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final String masterUrl;

    /** Starts a Master and {@code workers} one-core workers; files (homes, logs, work dirs) go under {@code dir}. */
    StandaloneCluster(Path dir, int workers) throws IOException, InterruptedException {
        this.dir = Files.createDirectories(dir);
        this.home = sparkHome(dir.resolve("spark-home"));
        Process master = start("master", "org.apache.spark.deploy.master.Master",
                List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0"), Map.of());
        Matcher m = awaitLog(master, dir.resolve("master.log"), MASTER_URL);
        this.masterUrl = m.group(1);
        for (int w = 0; w < workers; w++) {
            Path wdir = Files.createDirectories(dir.resolve("worker-" + w));
            Process p = start("worker-" + w, "org.apache.spark.deploy.worker.Worker",
                    List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0", "--cores", "1",
                            "--memory", "1g", "--work-dir", wdir.resolve("work").toString(), masterUrl),
                    Map.of("SPARK_LOCAL_DIRS", wdir.resolve("local").toString()));
            awaitLog(p, dir.resolve("worker-" + w + ".log"), Pattern.compile("Successfully registered with master"));
            this.workers.add(p);
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /** The local folder of worker {@code w} (its executors' shuffle files and blocks land below it). */
    Path workerLocalDir(int w) {
        return dir.resolve("worker-" + w).resolve("local");
    }

    /** The process ids of the executors worker {@code w} runs now (its child JVMs). */
    List<ProcessHandle> executors(int w) {
        return workers.get(w).children().filter(ProcessHandle::isAlive).toList();
    }

    /**
     * Starts {@code spark-submit} of the thin application jar: {@code --class dev.winnow.spark.SparkMain}, the
     * core, the shared command-line plumbing and picocli as {@code --jars}, then {@code args}. Its output goes
     * to {@code log}.
     */
    Process submit(Path log, List<String> sparkConf, String... args) throws IOException {
        List<String> app = applicationJars();
        List<String> cmd = new ArrayList<>(List.of("--master", masterUrl, "--deploy-mode", "client",
                "--class", SparkMain.class.getName(), "--jars", String.join(",", app.subList(1, app.size()))));
        for (String c : sparkConf) {
            cmd.add("--conf");
            cmd.add(c);
        }
        cmd.add(app.get(0));
        cmd.addAll(List.of(args));
        return launch("org.apache.spark.deploy.SparkSubmit", cmd, Map.of(), log, "512m", List.of());
    }

    /**
     * Starts {@code winnow spark ARGS --master URL} as the {@code ./winnow} launcher runs it: SparkMain in a
     * JVM whose class path holds Spark and the application jars; {@code --master} makes it ship them.
     */
    Process launcher(Path log, List<String> sparkConf, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.addAll(List.of("--master", masterUrl));
        for (String c : sparkConf) {
            cmd.add("--conf");
            cmd.add(c);
        }
        return launch(SparkMain.class.getName(), cmd, Map.of(), log, "512m", applicationJars());
    }

    /** The thin application jar, then the core's, the command-line plumbing's and picocli's. */
    private List<String> applicationJars() throws IOException {
        Path jars = Files.createDirectories(dir.resolve("app"));
        return List.of(jarOf(SparkMain.class, jars.resolve("winnow-spark.jar")),
                jarOf(ScoreSpec.class, jars.resolve("winnow-core.jar")),
                jarOf(CommandLines.class, jars.resolve("winnow-cli-base.jar")),
                jarOf(picocli.CommandLine.class, jars.resolve("picocli.jar")));
    }

    /** Ends the executors, the workers, then the master; waits for each. */
    @Override
    public void close() {
        for (Process w : workers) {
            w.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.destroy();
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    private Process start(String name, String mainClass, List<String> args, Map<String, String> env)
            throws IOException {
        return launch(mainClass, args, env, dir.resolve(name + ".log"), "256m", List.of());
    }

    private Process launch(String mainClass, List<String> args, Map<String, String> env, Path log, String heap,
                           List<String> extraClassPath) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(OPENS);
        cmd.add("-Djdk.reflect.useDirectMethodHandle=false");
        cmd.add("-cp");
        List<String> cp = new ArrayList<>(extraClassPath);
        cp.add(home.resolve("jars") + "/*");
        cmd.add(String.join(java.io.File.pathSeparator, cp));
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> e = pb.environment();
        e.put("SPARK_HOME", home.toString());
        e.put("SPARK_CONF_DIR", home.resolve("conf").toString());
        // the launcher asks for the Scala version when the home holds no build directories
        e.put("SPARK_SCALA_VERSION", "2.13");
        e.put("SPARK_LOCAL_IP", "127.0.0.1");
        e.putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Waits until {@code log} has a line matching {@code pattern}; fails when the process ends first. */
    private static Matcher awaitLog(Process p, Path log, Pattern pattern) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = pattern.matcher(Files.readString(log));
                if (m.find()) {
                    return m;
                }
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(log + ": the process ended (exit " + p.exitValue() + ")");
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(log + ": no '" + pattern + "' within " + START);
    }

    /**
     * A Spark home: {@code jars/} links every jar of the test classpath but Winnow's own classes and
     * picocli (the classes {@code spark-submit} must ship), and an empty {@code conf/}.
     */
    private static Path sparkHome(Path home) throws IOException {
        Path jars = home.resolve("jars");
        if (Files.exists(home)) {
            dev.winnow.io.AtomicFiles.deleteQuietly(home);
        }
        Files.createDirectories(jars);
        Files.createDirectories(home.resolve("conf"));
        Map<String, Path> seen = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if (!name.endsWith(".jar") || !Files.isRegularFile(p) || name.startsWith("winnow-")
                    || name.startsWith("picocli-") || name.startsWith("surefire")) {
                continue;
            }
            if (seen.putIfAbsent(name, p) == null) {
                Files.createSymbolicLink(jars.resolve(name), p.toAbsolutePath());
            }
        }
        return home;
    }

    /**
     * The jar holding {@code type}: the jar itself, or, when it comes from a class folder (a reactor build
     * before {@code package}), that folder packed as {@code target} the way the jar plugin packs it.
     */
    private static String jarOf(Class<?> type, Path target) {
        try {
            Path from = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(from)) {
                return from.toString();
            }
            Manifest mf = new Manifest();
            mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            try (OutputStream os = Files.newOutputStream(target);
                 JarOutputStream jar = new JarOutputStream(os, mf);
                 Stream<Path> files = Files.walk(from)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    jar.putNextEntry(new JarEntry(from.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, jar);
                    jar.closeEntry();
                }
            }
            return target.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
