package dev.winnow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.WinnowException;
import dev.winnow.cli.base.Overwrite;
import dev.winnow.study.StudyFolder;
import dev.winnow.study.StudySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code winnow demo}: a small complete study on Fashion-MNIST that fits well within ten minutes on two
 * cores (measured: about two minutes on a shared machine): an MLP, five pruning methods at four kept fractions
 * against full data and {@code full:shorter}, two seeds, every cost counted, the report, and whether pruning paid.
 */
@Command(name = "demo",
        header = "The demo study on Fashion-MNIST (about two minutes), ending in report.html.", mixinStandardHelpOptions = true,
        description = {
            "A two-minute pruning study on Fashion-MNIST: an MLP trained on 30,000 images; random, el2n-hard, "
                + "forgetting-hard, aum-stratified and el2n-calibrated at 10/30/50/70%% kept, full data, and "
                + "full:shorter (all the data for as many optimizer steps) at each kept fraction; 2 seeds. Prints "
                + "a results table, the path of report.html and, last, whether pruning paid.",
        })
public final class DemoCommand implements Callable<Integer> {
    /** Where Debian's dataset-fashion-mnist package puts the IDX files. */
    static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec cmd;

    @picocli.CommandLine.ParentCommand
    WinnowCli parent;

    @Option(names = "--out", paramLabel = "DIR", description = "the study folder (default: winnow-demo)")
    Path out = Path.of("winnow-demo");

    @Option(names = "--resume", description = "continue an interrupted demo")
    boolean resume;

    @picocli.CommandLine.Mixin
    Overwrite overwrite;

    /** The demo's settings, chosen (and measured) to finish within ten minutes on two cores. */
    static ObjectNode settings() {
        ObjectNode m = StudySpec.defaults();
        m.put("data", "fashion-mnist");
        m.put("limit", 30000);
        m.put("methods", "random,el2n@2:hard,forgetting:hard,aum:stratified,el2n@2:calibrated:0.5");
        m.put("seeds", "0,1");
        return m;
    }

    @Override
    public Integer call() {
        boolean force = overwrite.force();
        if (resume && force) {
            throw new picocli.CommandLine.ParameterException(cmd.commandLine(), "--resume and --force exclude each other");
        }
        PrintWriter err = cmd.commandLine().getErr();
        ensureFashionMnist(err);
        StudySpec spec = StudySpec.fromTree(settings());
        StudyFolder.Mode mode = resume ? StudyFolder.Mode.RESUME : force ? StudyFolder.Mode.FORCE : StudyFolder.Mode.NEW;
        long t0 = System.nanoTime();
        int rc = StudyCommand.run(parent.studyEngine(), spec, out, mode, cmd.commandLine().getOut(), err);
        err.printf("winnow demo: finished in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        err.flush();
        return rc;
    }

    static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"))
                || Files.isRegularFile(dir.resolve("train-images-idx3-ubyte"));
    }

    /** Installs Debian's dataset-fashion-mnist when missing and allowed (root on Debian); otherwise says how. */
    static void ensureFashionMnist(PrintWriter err) {
        String env = System.getenv("FASHION_MNIST_DIR");
        if (env != null && !env.isBlank()) {
            if (!present(Path.of(env))) {
                throw new WinnowException("FASHION_MNIST_DIR=" + env + " holds no Fashion-MNIST training images "
                        + "(train-images-idx3-ubyte.gz and the other three IDX files)");
            }
            return;
        }
        if (present(DEBIAN_FASHION_MNIST)) {
            return;
        }
        boolean debian = Files.isRegularFile(Path.of("/etc/debian_version"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!(debian && root)) {
            throw new WinnowException("Fashion-MNIST is missing (looked in " + DEBIAN_FASHION_MNIST + "); install it with "
                    + "'sudo apt-get install dataset-fashion-mnist' on Debian/Ubuntu, or put the four IDX files "
                    + "(train-images-idx3-ubyte.gz, …) there, or set FASHION_MNIST_DIR to their folder");
        }
        err.println("winnow demo: Fashion-MNIST is missing; installing the Debian package dataset-fashion-mnist with apt-get…");
        err.flush();
        if (apt(err, "apt-get", "install", "-y", "dataset-fashion-mnist") != 0) {
            apt(err, "apt-get", "update");
            if (apt(err, "apt-get", "install", "-y", "dataset-fashion-mnist") != 0) {
                throw new WinnowException("apt-get could not install dataset-fashion-mnist; install it by hand and run winnow demo again");
            }
        }
        if (!present(DEBIAN_FASHION_MNIST)) {
            throw new WinnowException("dataset-fashion-mnist is installed but " + DEBIAN_FASHION_MNIST + " has no training images");
        }
    }

    private static int apt(PrintWriter err, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor();
        } catch (IOException e) {
            err.println("winnow demo: cannot run apt-get (" + e.getMessage() + ")");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
