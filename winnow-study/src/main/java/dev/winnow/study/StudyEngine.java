package dev.winnow.study;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.policy.PolicySpec;
import dev.winnow.select.KeepList;

import java.nio.file.Path;

/**
 * What a study needs from the rest of Winnow, as five small pieces: load the data, record proxy
 * dynamics, score, select, train the target. The command line wires the real ones (training module,
 * core scores and selection); tests wire fakes.
 */
public record StudyEngine(DataLoader loader, ProxyRecorder proxy, Scorer scorer, Selector selector,
                          TargetTrainer trainer) {

    /** Loads the training set of a spec (honouring {@code limit}). */
    @FunctionalInterface
    public interface DataLoader {
        StudyData load(StudySpec spec);
    }

    /**
     * Trains {@code spec.proxyRuns()} proxy models for {@code spec.proxyEpochs()} epochs on all examples with
     * the given training labels and writes their dynamics store to {@code storeDir} (which does not exist
     * yet). Returns what it cost.
     */
    @FunctionalInterface
    public interface ProxyRecorder {
        Cost record(StudyData data, int[] trainLabels, StudySpec spec, long seed, Path storeDir);
    }

    /** Computes score {@code scoreSpec} (higher = harder) for every example of the store, index order. */
    @FunctionalInterface
    public interface Scorer {
        float[] score(String scoreSpec, DynamicsStore store, long seed);

        /** Fails with a one-line message when {@code scoreSpec} is not a known score (checked before any training). */
        default void validate(String scoreSpec) {
        }
    }

    /**
     * Selects the (core) keep-list of a method. {@code scores} is {@code null} for random selection; {@code labels}
     * are the training labels (noisy where the study adds noise), all arrays in the same index order.
     */
    @FunctionalInterface
    public interface Selector {
        KeepList select(MethodSpec method, float[] scores, int[] labels, long[] ids, double keep, long seed);
    }

    /** Trains the target on a keep-list and evaluates it on the test set. */
    @FunctionalInterface
    public interface TargetTrainer {
        TrainOutcome train(TrainRequest request);
    }

    /** Seconds and example counts of one piece of work. */
    public record Cost(double seconds, long forward, long backward) {
    }

    /**
     * One target training: on the examples of {@code keep} (with its weights) using {@code trainLabels} (index
     * order over the whole training set), for {@code epochs} epochs but at most {@code maxSteps} optimizer
     * steps (0 = no step limit). With a {@code policy} (a core dynamic policy, {@code keep} already filled in;
     * else {@code null}) the policy picks each epoch's examples among those of {@code keep}.
     */
    public record TrainRequest(StudyData data, int[] trainLabels, KeepList keep, long seed,
                               StudySpec spec, int epochs, long maxSteps, PolicySpec policy) {
    }

    /**
     * What a target training returned: test accuracy, wall seconds of training and of evaluation, and the
     * examples that went forward and backward in each.
     */
    public record TrainOutcome(double testAccuracy, double trainingSeconds, double evaluationSeconds,
                               long trainForward, long trainBackward, long evalForward, long steps) {
    }

    /**
     * Makes the engine for a spec; found with {@link java.util.ServiceLoader} so the command line needs no
     * compile-time knowledge of the training module. The provider with the highest priority wins.
     */
    public interface Provider {
        StudyEngine create(StudySpec spec);

        default int priority() {
            return 0;
        }
    }

    /** The engine of the highest-priority {@link Provider} on the class path. */
    public static StudyEngine forSpec(StudySpec spec) {
        Provider best = null;
        for (Provider p : java.util.ServiceLoader.load(Provider.class)) {
            if (best == null || p.priority() > best.priority()) {
                best = p;
            }
        }
        if (best == null) {
            throw new dev.winnow.WinnowException("this build has no training engine for studies (winnow-train with "
                    + "core scores and selection); build the full project");
        }
        return best.create(spec);
    }
}
