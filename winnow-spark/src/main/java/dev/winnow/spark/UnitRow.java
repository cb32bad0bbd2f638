package dev.winnow.spark;

import java.io.Serializable;

/**
 * One example's feature row scaled to unit L2 norm, exactly as the core scales it
 * ({@link dev.winnow.quality.UnitFeatures#normalise}): its index in the store and its D values.
 *
 * @param index  the example's index in the store (0 … N−1)
 * @param values D floats of norm 1
 */
record UnitRow(int index, float[] values) implements Serializable {
}
