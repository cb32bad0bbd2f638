package dev.winnow.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.List;

/**
 * The SGD step of DJL's {@code Sgd} optimizer (the same update, bit for bit: v ← μ·v + η·(g + λ·w),
 * w ← w − v) with the fewest engine calls the PyTorch engine allows: per parameter one fused update and
 * one in-place zeroing of its gradient. What DJL's {@code ParameterStore.updateAllParameters} adds per
 * parameter and step (a new handle on the gradient, its close, the optimizer's state and update-count
 * maps, the learning-rate tracker) is done once: the gradient handles are taken after the first backward
 * and kept (the engine accumulates into the same gradient tensor in place, and the zeroing keeps it),
 * the momentum states live here, and the caller passes the step's learning rate.
 */
final class NativeSgd {
    private final PtNDArray[] weights;
    private final PtNDArray[] states;
    private final PtNDArray[] grads;
    private final float momentum;
    private final float weightDecay;

    NativeSgd(List<Parameter> parameters, float momentum, float weightDecay) {
        int n = parameters.size();
        this.weights = new PtNDArray[n];
        this.states = new PtNDArray[n];
        this.grads = new PtNDArray[n];
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        for (int i = 0; i < n; i++) {
            weights[i] = (PtNDArray) parameters.get(i).getArray();
            states[i] = momentum == 0 ? null : (PtNDArray) weights[i].zerosLike();
        }
    }

    /** Whether the model's arrays are the PyTorch engine's (else the caller keeps DJL's optimizer). */
    static boolean supports(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (!(p.getArray() instanceof PtNDArray)) {
                return false;
            }
        }
        return true;
    }

    /** Applies one step at learning rate {@code lr} to every parameter that has a gradient, then zeroes the gradients. */
    void step(float lr) {
        for (int i = 0; i < weights.length; i++) {
            PtNDArray g = grads[i];
            if (g == null) {
                g = gradientOf(weights[i]);
                if (g == null) {
                    continue; // not reached by this backward (an unused parameter): nothing to update
                }
                grads[i] = g;
            }
            JniUtils.sgdUpdate(weights[i], g, states[i], lr, weightDecay, 1f, -1f, momentum);
            JniUtils.zeroGrad(weights[i]);
        }
    }

    /** The engine's gradient tensor of {@code w}, or null while it has none (before its first backward). */
    private static PtNDArray gradientOf(PtNDArray w) {
        return w.hasGradient() ? JniUtils.getGradient(w) : null;
    }

    /** The momentum state of parameter {@code i} (for tests), or null without momentum. */
    NDArray state(int i) {
        return states[i];
    }
}
