package dev.winnow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.cli.base.OutputOptions;
import dev.winnow.cli.base.ToolVersion;
import dev.winnow.study.Report;
import dev.winnow.study.StudyEngine;
import dev.winnow.study.StudyFolder;
import dev.winnow.study.StudyResults;
import dev.winnow.study.StudyRunner;
import dev.winnow.study.StudySpec;
import dev.winnow.study.StudyTable;
import dev.winnow.study.TrainingBudget;
import dev.winnow.study.report.Verdicts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code winnow study}: many (method × kept fraction × seed) runs, every cost counted, and the report. */
@Command(name = "study",
        header = "Accuracy against kept fraction and total cost, per method and seed.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run a pruning study: per seed, proxy dynamics once and each score once; then for each method "
                + "and kept fraction, select, train the target on the keep-list and evaluate. Two baselines are "
                + "always included: full data, and full:shorter (all the data for the optimizer steps of each kept "
                + "fraction). Writes results.jsonl (one line per run, with its learning curve) and report.html "
                + "into --out, and ends by saying whether pruning paid.",
            "",
            "The proxy may be cheaper than the target: another model (--proxy-model, --proxy-hidden), fewer "
                + "epochs, a seeded share of the data (--proxy-limit); its whole cost is charged to every method "
                + "that uses its scores.",
            "",
            "Settings come from --spec (JSON or YAML, keys named like the flags) and the flags, which win.",
            "",
            "Methods: random, or SCORE:STRATEGY[:params][:balanced], e.g. el2n@2:hard, aum:stratified, "
                + "el2n@2:calibrated:0.5, forgetting:window:0.05 (a parameter left out takes its default, as in "
                + "winnow select); or dynamic:POLICY, a policy that picks each "
                + "epoch's examples, where the word keep stands for the kept fraction (dynamic:uniform:keep, "
                + "dynamic:ucb:keep,1.0); a policy with its own rate (dynamic:infobatch:0.5) runs once per seed.",
            "",
        })
public final class StudyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @CommandLine.ParentCommand
    WinnowCli parent;

    @Option(names = "--spec", paramLabel = "FILE", description = "study spec file (.json, or YAML)")
    Path specFile;

    @Option(names = "--data", paramLabel = "SPEC", description = "dataset spec, e.g. fashion-mnist")
    String data;

    @Option(names = "--limit", paramLabel = "N", description = "use the first N training examples (default: all)")
    Integer limit;

    @Option(names = "--model", paramLabel = "NAME", description = "target model, and proxy model unless --proxy-model (default: mlp)")
    String model;

    @Option(names = "--epochs", paramLabel = "E", description = "target training epochs (default: 5)")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "batch size (default: 128)")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "LR", description = "learning rate (default: 0.001)")
    Double lr;

    @Option(names = "--optimizer", paramLabel = "adam|sgd", description = "adam or sgd (default: adam)")
    String optimizer;

    @Option(names = "--eval-every", paramLabel = "K",
            description = "evaluate each target after every K-th epoch and the last: its learning curve (default: 1; 0 = the last only)")
    Integer evalEvery;

    @Option(names = "--proxy-model", paramLabel = "NAME", description = "the proxy's model (default: the target's --model)")
    String proxyModel;

    @Option(names = "--proxy-hidden", paramLabel = "SIZES", split = ",",
            description = "the proxy's hidden sizes, e.g. 64 or 256,128 (mlp, textbag; default: the model's)")
    List<Integer> proxyHidden;

    @Option(names = "--proxy-epochs", paramLabel = "E", description = "epochs of each proxy run (default: 3)")
    Integer proxyEpochs;

    @Option(names = "--proxy-limit", paramLabel = "F",
            description = "train the proxy on a seeded fraction F in (0, 1] of the examples, then observe every one (default: 1)")
    Double proxyLimit;

    @Option(names = "--proxy-runs", paramLabel = "R", description = "proxy runs per seed; scores average over them (default: 1)")
    Integer proxyRuns;

    @Option(names = "--methods", paramLabel = "LIST", description = "comma list of methods (default: random)")
    String methods;

    @Option(names = "--keep", paramLabel = "LIST", split = ",", description = "kept fractions, e.g. 0.1,0.3,0.5,0.7")
    List<Double> keep;

    @Option(names = "--seeds", paramLabel = "LIST", split = ",", description = "seeds, e.g. 0,1,2 (default: 0)")
    List<Long> seeds;

    @Option(names = "--budget", paramLabel = "epochs|steps", converter = BudgetConverter.class,
            description = "epochs (same epochs on the subset) or steps (same optimizer steps as full)")
    TrainingBudget budget;

    @Option(names = "--label-noise", paramLabel = "F", description = "flip a seeded fraction F of training labels")
    Double labelNoise;

    @CommandLine.Mixin
    OutputOptions output;

    @Option(names = "--resume", description = "continue the study in --out, skipping finished runs")
    boolean resume;

    /** The flags given, as a settings tree keyed like a spec file (flags not given are absent). */
    ObjectNode flags() {
        ObjectNode f = TREE.createObjectNode();
        put(f, "data", data);
        put(f, "limit", limit);
        put(f, "model", model);
        put(f, "epochs", epochs);
        put(f, "batch-size", batchSize);
        put(f, "lr", lr);
        put(f, "optimizer", optimizer);
        put(f, "eval-every", evalEvery);
        put(f, "proxy-model", proxyModel);
        put(f, "proxy-hidden", proxyHidden);
        put(f, "proxy-epochs", proxyEpochs);
        put(f, "proxy-limit", proxyLimit);
        put(f, "proxy-runs", proxyRuns);
        put(f, "methods", methods);
        put(f, "keep", keep);
        put(f, "seeds", seeds);
        put(f, "budget", budget);
        put(f, "label-noise", labelNoise);
        return f;
    }

    private static final ObjectMapper TREE = new ObjectMapper();

    private static void put(ObjectNode f, String key, Object value) {
        if (value != null) {
            f.set(key, TREE.valueToTree(value));
        }
    }

    /** {@code epochs} or {@code steps}, with the study's own message. */
    static final class BudgetConverter implements CommandLine.ITypeConverter<TrainingBudget> {
        @Override
        public TrainingBudget convert(String value) {
            return TrainingBudget.parse(value);
        }
    }

    @Override
    public Integer call() {
        Path out = output.out();
        boolean force = output.force();
        if (resume && force) {
            throw new CommandLine.ParameterException(cmd.commandLine(), "--resume and --force exclude each other");
        }
        ObjectNode flags = flags();
        StudySpec spec = null;
        if (specFile != null || !flags.isEmpty() || !resume) {
            ObjectNode settings = specFile != null ? StudySpec.readSettings(specFile) : flags.objectNode();
            settings.setAll(flags);
            try {
                spec = StudySpec.fromTree(settings);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cmd.commandLine(),
                        (specFile != null ? specFile + ": " : "") + e.getMessage());
            }
        }
        StudyFolder.Mode mode = resume ? StudyFolder.Mode.RESUME : force ? StudyFolder.Mode.FORCE : StudyFolder.Mode.NEW;
        return run(parent.studyEngine(), spec, out, mode, cmd.commandLine().getOut(), cmd.commandLine().getErr());
    }

    /**
     * Runs the study on {@code engine}, writes the report, prints the table, the report's path and, last, whether
     * pruning paid ({@link Verdicts#summaryLines}); shared with {@code demo}.
     */
    static int run(StudyEngine engine, StudySpec spec, Path out, StudyFolder.Mode mode, PrintWriter stdout,
                   PrintWriter stderr) {
        new StudyRunner(engine, stderr, ToolVersion.get()).run(spec, out, mode);
        Path page = Report.write(out);
        StudyResults results = StudyResults.read(out);
        stdout.println(StudyTable.format(results));
        stdout.println("report: " + page.toAbsolutePath());
        stdout.println();
        Verdicts.summaryLines(results).forEach(stdout::println);
        stdout.flush();
        return 0;
    }
}
