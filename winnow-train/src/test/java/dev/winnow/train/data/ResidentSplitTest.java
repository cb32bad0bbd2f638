package dev.winnow.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine-resident split hands out the same batches as the Java-heap path, row for row. */
class ResidentSplitTest {
    private static Examples images() {
        // 5 examples of 1×2×2: example i holds 10·i + 0..3, so a row's values name its example
        float[] x = new float[5 * 4];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = 10 * i + j;
            }
        }
        return Examples.dense(new long[] {50, 51, 52, 53, 54}, new int[] {0, 1, 0, 1, 0}, x, 1, 2, 2);
    }

    @Test
    void aShuffledBatchIsGatheredOnTheEngineInTheGivenOrder() {
        Examples e = images();
        int[] order = {4, 0, 3, 3, 1, 2};
        try (NDManager m = NDManager.newBaseManager(); ResidentSplit r = ResidentSplit.of(e, m)) {
            assertThat(r.isResident()).isTrue();
            try (NDManager bm = m.newSubManager()) {
                NDArray b = r.batch(bm, order, 1, 5, 1); // examples 0, 3, 3, 1
                assertThat(b.getShape().getShape()).containsExactly(4, 1, 2, 2);
                assertThat(b.toFloatArray()).containsExactly(0, 1, 2, 3, 30, 31, 32, 33, 30, 31, 32, 33, 10, 11, 12, 13);
                assertThat(b.toFloatArray()).containsExactly(e.batch(bm, order, 1, 5, 1).toFloatArray());
                assertThat(b.getManager()).isSameAs(bm);
                NDArray last = r.batch(bm, order, 4, 6, 1); // a shorter batch reuses nothing stale
                assertThat(last.toFloatArray()).containsExactly(10, 11, 12, 13, 20, 21, 22, 23);
            }
        }
    }

    @Test
    void aRangeIsTheRowsInIndexOrder() {
        Examples e = images();
        try (NDManager m = NDManager.newBaseManager(); ResidentSplit r = ResidentSplit.of(e, m); NDManager bm = m.newSubManager()) {
            NDArray b = r.range(bm, 2, 4, 1);
            assertThat(b.getShape().getShape()).containsExactly(2, 1, 2, 2);
            assertThat(b.toFloatArray()).containsExactly(20, 21, 22, 23, 30, 31, 32, 33);
        }
    }

    @Test
    void textStaysOnTheHeapAndIsPaddedPerBatch() {
        Examples t = Examples.tokens(new long[] {1, 2, 3}, new int[] {0, 1, 0}, new int[][] {{5}, {6, 7, 8}, {9, 4}});
        try (NDManager m = NDManager.newBaseManager(); ResidentSplit r = ResidentSplit.of(t, m); NDManager bm = m.newSubManager()) {
            assertThat(r.isResident()).isFalse();
            NDArray b = r.batch(bm, new int[] {2, 0}, 0, 2, 1);
            assertThat(b.getShape().getShape()).containsExactly(2, 2);
            assertThat(b.toLongArray()).containsExactly(9, 4, 5, 0);
            assertThat(r.range(bm, 0, 2, 4).toLongArray()).containsExactly(5, 0, 0, 0, 6, 7, 8, 0);
        }
    }
}
