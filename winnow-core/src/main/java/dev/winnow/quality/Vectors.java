package dev.winnow.quality;

/**
 * The inner loop of the feature-space searches, on row-major float arrays (their squared distances:
 * {@link dev.winnow.select.SquaredDistance}).
 */
final class Vectors {
    private Vectors() {
    }

    /** Σ a[ao+j]·b[bo+j] for j < d, with four running sums so the loop pipelines. */
    static float dot(float[] a, int ao, float[] b, int bo, int d) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            s0 += a[ao + j] * b[bo + j];
            s1 += a[ao + j + 1] * b[bo + j + 1];
            s2 += a[ao + j + 2] * b[bo + j + 2];
            s3 += a[ao + j + 3] * b[bo + j + 3];
        }
        for (; j < d; j++) {
            s0 += a[ao + j] * b[bo + j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
