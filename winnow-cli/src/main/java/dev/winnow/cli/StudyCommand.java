package dev.winnow.cli;

import dev.winnow.cli.base.OutputOptions;
import dev.winnow.study.Report;
import dev.winnow.study.StudyEngine;
import dev.winnow.study.StudyResults;
import dev.winnow.study.StudyRunner;
import dev.winnow.study.StudySpec;
import dev.winnow.study.StudyTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code winnow study}: many (method × kept fraction × seed) runs, every cost counted, and the report. */
@Command(name = "study",
        header = "Accuracy against kept fraction and total cost, per method and seed.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Run a pruning study: per seed, proxy dynamics once and each score once; then for each method "
                + "and kept fraction, select, train the target on the keep-list and evaluate. The full-data "
                + "baseline is always included. Writes results.jsonl (one line per run) and report.html into --out.",
            "",
            "Settings come from --spec (JSON or YAML, keys named like the flags) and the flags, which win.",
            "",
            "Methods: random, or SCORE:STRATEGY[:params][:balanced], e.g. el2n@2:hard, aum:stratified, "
                + "el2n@2:calibrated:0.5, forgetting:window:0.05; or dynamic:POLICY, a policy that picks each "
                + "epoch's examples, where the word keep stands for the kept fraction (dynamic:uniform:keep, "
                + "dynamic:ucb:keep,1.0); a policy with its own rate (dynamic:infobatch:0.5) runs once per seed.",
            "",
        })
public final class StudyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Option(names = "--spec", paramLabel = "FILE", description = "study spec file (.json, or YAML)")
    Path specFile;

    @Option(names = "--data", paramLabel = "SPEC", description = "dataset spec, e.g. fashion-mnist")
    String data;

    @Option(names = "--limit", paramLabel = "N", description = "use the first N training examples (default: all)")
    String limit;

    @Option(names = "--model", paramLabel = "NAME", description = "target and proxy model (default: mlp)")
    String model;

    @Option(names = "--epochs", paramLabel = "E", description = "target training epochs (default: 5)")
    String epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "batch size (default: 128)")
    String batchSize;

    @Option(names = "--lr", paramLabel = "LR", description = "learning rate (default: 0.001)")
    String lr;

    @Option(names = "--optimizer", paramLabel = "adam|sgd", description = "adam or sgd (default: adam)")
    String optimizer;

    @Option(names = "--proxy-epochs", paramLabel = "E", description = "epochs of each proxy run (default: 3)")
    String proxyEpochs;

    @Option(names = "--proxy-runs", paramLabel = "R", description = "proxy runs per seed; scores average over them (default: 1)")
    String proxyRuns;

    @Option(names = "--methods", paramLabel = "LIST", description = "comma list of methods (default: random)")
    String methods;

    @Option(names = "--keep", paramLabel = "LIST", description = "kept fractions, e.g. 0.1,0.3,0.5,0.7")
    String keep;

    @Option(names = "--seeds", paramLabel = "LIST", description = "seeds, e.g. 0,1,2 (default: 0)")
    String seeds;

    @Option(names = "--budget", paramLabel = "epochs|steps", description = "epochs (same epochs on the subset) or steps (same optimizer steps as full)")
    String budget;

    @Option(names = "--label-noise", paramLabel = "F", description = "flip a seeded fraction F of training labels")
    String labelNoise;

    @CommandLine.Mixin
    OutputOptions output;

    @Option(names = "--resume", description = "continue the study in --out, skipping finished runs")
    boolean resume;

    Map<String, Object> flags() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "data", data);
        put(m, "limit", limit);
        put(m, "model", model);
        put(m, "epochs", epochs);
        put(m, "batch-size", batchSize);
        put(m, "lr", lr);
        put(m, "optimizer", optimizer);
        put(m, "proxy-epochs", proxyEpochs);
        put(m, "proxy-runs", proxyRuns);
        put(m, "methods", methods);
        put(m, "keep", keep);
        put(m, "seeds", seeds);
        put(m, "budget", budget);
        put(m, "label-noise", labelNoise);
        return m;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    @Override
    public Integer call() {
        Path out = output.out();
        boolean force = output.force();
        if (resume && force) {
            throw new CommandLine.ParameterException(cmd.commandLine(), "--resume and --force exclude each other");
        }
        Map<String, Object> flags = flags();
        StudySpec spec = null;
        if (specFile != null || !flags.isEmpty() || !resume) {
            Map<String, Object> settings = new LinkedHashMap<>();
            if (specFile != null) {
                settings.putAll(StudySpec.readSettings(specFile));
            }
            settings.putAll(flags);
            try {
                spec = StudySpec.fromSettings(settings);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cmd.commandLine(),
                        (specFile != null ? specFile + ": " : "") + e.getMessage());
            }
        }
        StudyRunner.Mode mode = resume ? StudyRunner.Mode.RESUME : force ? StudyRunner.Mode.FORCE : StudyRunner.Mode.NEW;
        return run(spec, out, mode, cmd.commandLine().getOut(), cmd.commandLine().getErr());
    }

    /** Runs the study, writes the report, prints the table and the report's path; shared with {@code demo}. */
    static int run(StudySpec spec, Path out, StudyRunner.Mode mode, PrintWriter stdout, PrintWriter stderr) {
        StudySpec effective = StudyRunner.check(spec, out, mode);
        StudyEngine engine = StudyEngine.forSpec(effective);
        new StudyRunner(engine, stderr, WinnowCli.Version.get()).run(spec, out, mode);
        Path page = Report.write(out);
        stdout.println(StudyTable.format(StudyResults.read(out)));
        stdout.println("report: " + page.toAbsolutePath());
        stdout.flush();
        return 0;
    }
}
