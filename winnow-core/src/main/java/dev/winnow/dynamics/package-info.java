/**
 * The dynamics store, format v1 (DESIGN.md): per example and per observation (an epoch's checkpoint pass
 * or the outputs while training on it) the signals loss, p_true, el2n, grad_norm and the others, as NPY
 * files under a {@code manifest.json}, memory-mapped so that stores far larger than the heap can be read.
 * Open one with {@link dev.winnow.dynamics.DynamicsStore#open}; write one with
 * {@link dev.winnow.dynamics.DynamicsWriter}, or from another framework's logits with
 * {@link dev.winnow.dynamics.LogitsImport}.
 */
package dev.winnow.dynamics;
