package dev.winnow.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link MklDispatchTest}: prints whether the MKL library is preloaded, then writes the
 * product of two fixed matrices ([128, 784] × [784, 256], a linear layer's shape, computed by the engine's
 * MKL) to the file named by the first argument, as big-endian floats.
 */
public final class MklProbe {
    private MklProbe() {
    }

    public static void main(String[] args) throws IOException {
        float[] x = new float[128 * 784];
        float[] w = new float[784 * 256];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (Math.sin(i * 0.37) + 0.5);
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((Math.cos(i * 0.11) + 0.5) / 28);
        }
        float[] y;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(x, new Shape(128, 784)).matMul(m.create(w, new Shape(784, 256)));
            y = p.toFloatArray();
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            for (float v : y) {
                out.writeFloat(v);
            }
        }
        System.out.println("loaded " + MklDispatch.shimLoaded());
    }
}
