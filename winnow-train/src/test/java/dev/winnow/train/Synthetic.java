package dev.winnow.train;

import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small generated datasets for fast tests. Ids are 1000 + 7·row, so an id is never its index. */
final class Synthetic {
    private Synthetic() {
    }

    static long idOf(int row) {
        return 1000 + 7L * row;
    }

    /** Gaussian blobs: {@code classes} centres in {@code d} dimensions, unit noise, separable enough to learn. */
    static DataBundle blobs(int n, int d, int classes, long seed) {
        Random r = new Random(seed);
        double[][] centre = new double[classes][d];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                centre[c][j] = 2.5 * r.nextGaussian();
            }
        }
        Examples train = blobSplit(n, d, classes, centre, r, 0);
        Examples test = blobSplit(n / 2, d, classes, centre, r, n);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("c" + c);
        }
        return new DataBundle("blobs", "blobs " + n + "×" + d, train, test, classes, names, 0);
    }

    private static Examples blobSplit(int n, int d, int classes, double[][] centre, Random r, int idBase) {
        long[] ids = new long[n];
        int[] y = new int[n];
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            ids[i] = idOf(idBase + i);
            y[i] = r.nextInt(classes);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) (centre[y[i]][j] + r.nextGaussian());
            }
        }
        return Examples.dense(ids, y, x, d);
    }

    /** 1×28×28 noise images whose class is a bright 7×7 square in one of four places. */
    static DataBundle images(int n, long seed) {
        Random r = new Random(seed);
        Examples train = imageSplit(n, r, 0);
        Examples test = imageSplit(n / 2, r, n);
        return new DataBundle("squares", "squares", train, test, 4, List.of("a", "b", "c", "d"), 0);
    }

    private static Examples imageSplit(int n, Random r, int idBase) {
        long[] ids = new long[n];
        int[] y = new int[n];
        float[] x = new float[n * 784];
        for (int i = 0; i < n; i++) {
            ids[i] = idOf(idBase + i);
            y[i] = r.nextInt(4);
            for (int p = 0; p < 784; p++) {
                x[i * 784 + p] = (float) (0.5 * r.nextGaussian());
            }
            int r0 = y[i] / 2 * 14 + 3;
            int c0 = y[i] % 2 * 14 + 3;
            for (int a = 0; a < 7; a++) {
                for (int b = 0; b < 7; b++) {
                    x[i * 784 + (r0 + a) * 28 + c0 + b] += 2f;
                }
            }
        }
        return Examples.dense(ids, y, x, 1, 28, 28);
    }

    /** Token sequences: filler words 2..41 and one sentiment word (42 = positive, 43 = negative). */
    static DataBundle text(int n, long seed) {
        Random r = new Random(seed);
        Examples train = textSplit(n, r, 0);
        Examples test = textSplit(n / 2, r, n);
        return new DataBundle("words", "words", train, test, 2, List.of("neg", "pos"), 44);
    }

    private static Examples textSplit(int n, Random r, int idBase) {
        long[] ids = new long[n];
        int[] y = new int[n];
        int[][] t = new int[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = idOf(idBase + i);
            y[i] = r.nextInt(2);
            int len = 3 + r.nextInt(8);
            t[i] = new int[len];
            for (int j = 0; j < len; j++) {
                t[i][j] = 2 + r.nextInt(40);
            }
            t[i][r.nextInt(len)] = y[i] == 1 ? 42 : 43;
        }
        return Examples.tokens(ids, y, t);
    }
}
