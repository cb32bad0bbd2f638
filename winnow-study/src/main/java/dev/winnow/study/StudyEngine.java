package dev.winnow.study;

import dev.winnow.policy.EpochPolicy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a study needs from a training engine, and nothing else: the data, a proxy that records dynamics,
 * and a target that trains under an {@link EpochPolicy} and is evaluated. Scoring, selection and which
 * policy each run trains with are the study's own (the core's scores, selector and policies), so an engine
 * never sees a method. The command line plugs in the DJL engine of {@code winnow-train}; tests plug in a
 * small arithmetic one. The study module therefore compiles against the core alone.
 */
public interface StudyEngine {
    /**
     * Opens a session for {@code spec}: loads its training set (honouring {@code limit}) once, with the test
     * split the targets are evaluated on, and prepares whatever the engine needs.
     *
     * @throws dev.winnow.WinnowException when the data cannot be loaded or has no test split
     */
    Session open(StudySpec spec);

    /** One study's use of the engine: its data stay loaded until {@link #close()}. */
    interface Session extends AutoCloseable {
        /** The training set, index order; every array the session takes is in this order. */
        StudyData data();

        /**
         * Trains {@code proxyRuns} proxy models of the spec for {@code proxyEpochs} epochs on every example
         * with {@code trainLabels}, and writes their dynamics store to {@code storeDir} (which does not exist
         * yet). Returns what it cost.
         */
        Cost recordProxy(int[] trainLabels, long seed, Path storeDir);

        /** Trains the spec's target model as {@code run} says and evaluates it on the test split. */
        TrainOutcome train(TargetRun run);

        /** Releases what the session holds; the default holds nothing. */
        @Override
        default void close() {
        }
    }

    /** Seconds and example counts of one piece of work. */
    record Cost(double seconds, long forward, long backward) {
    }

    /**
     * One target training: with {@code trainLabels} (index order over the whole training set; noisy where
     * the study adds noise), for {@code epochs} epochs of {@code policy}'s plans (a static keep-list, a
     * dynamic policy or full data, possibly under a step budget), seeded by {@code seed}.
     */
    record TargetRun(int[] trainLabels, EpochPolicy policy, int epochs, long seed) {
        public TargetRun {
            Objects.requireNonNull(trainLabels, "trainLabels");
            Objects.requireNonNull(policy, "policy");
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            }
        }
    }

    /**
     * What a target training returned: test accuracy, wall seconds of training and of evaluation, the
     * examples that went forward (refresh passes of a dynamic policy included) and backward in training,
     * forward in evaluation, and the optimizer steps taken.
     */
    record TrainOutcome(double testAccuracy, double trainingSeconds, double evaluationSeconds,
                        long trainForward, long trainBackward, long evalForward, long steps) {
    }
}
