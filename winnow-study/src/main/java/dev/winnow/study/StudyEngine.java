package dev.winnow.study;

import dev.winnow.policy.EpochPolicy;
import dev.winnow.study.results.RunRecord.CurvePoint;

import java.nio.file.Path;
import java.util.List;
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
     * Checks what only the engine knows, before the study writes anything: that it has the spec's target and
     * proxy models ({@code model}, {@code proxy-model}, {@code proxy-hidden}) and that they can read its data (no
     * text model on images). Loads no data. The default accepts every spec.
     *
     * @throws IllegalArgumentException one line that names the setting
     */
    default void check(StudySpec spec) {
    }

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
         * Trains the spec's {@code proxyRuns} proxy models ({@code proxy-model} with {@code proxy-hidden}) for
         * {@code proxyEpochs} epochs of {@code run}'s policy, and writes their dynamics store to {@code run.store()}
         * (which does not exist yet): each epoch the presentations it trained on and a checkpoint pass over
         * <em>every</em> training example, so that scores read at an epoch have a value for examples the proxy
         * did not train on. Returns what it cost, the checkpoint passes included.
         */
        Cost recordProxy(ProxyRun run);

        /**
         * Trains the spec's target model as {@code run} says and evaluates it on the test split after the epochs
         * {@link StudySpec#evaluatesAfter} names (always after the last).
         */
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
     * The proxy of one seed: with {@code trainLabels} (index order; noisy where the study adds noise), each run
     * training on {@code policy}'s plans (every example, or the seeded {@code proxy-limit} share: a seedless
     * policy that may drive every run), seeded by {@code seed}, its store written to {@code store}; with
     * {@code features}, the store holds each run's features h of the training examples after its last epoch
     * ({@code features.npy}), which the feature strategies select on, and the logits of every observation
     * ({@code logits.npy}), which cleaning by confident learning reads.
     */
    record ProxyRun(int[] trainLabels, EpochPolicy policy, long seed, Path store, boolean features) {
        public ProxyRun {
            Objects.requireNonNull(trainLabels, "trainLabels");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(store, "store");
        }

        /** A proxy run that records no features. */
        public ProxyRun(int[] trainLabels, EpochPolicy policy, long seed, Path store) {
            this(trainLabels, policy, seed, store, false);
        }
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
     * What a target training returned: test accuracy after the last epoch, wall seconds of training and of
     * evaluation (every evaluation of the curve), the examples that went forward (refresh passes of a dynamic
     * policy included) and backward in training, forward in evaluation, the optimizer steps taken, and the
     * learning curve: one point per evaluated epoch with the target's own cumulative training seconds (setup
     * included, evaluation not) and examples backpropagated; its last point is the final evaluation.
     */
    record TrainOutcome(double testAccuracy, double trainingSeconds, double evaluationSeconds,
                        long trainForward, long trainBackward, long evalForward, long steps, List<CurvePoint> curve) {
        public TrainOutcome {
            curve = List.copyOf(curve);
        }
    }
}
