package dev.winnow.npy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips against files NumPy 2.x wrote ({@code src/test/resources/npy/make_fixtures.py}). */
class NpyFixturesTest {
    private static final float[] F32 = {
        0.0f, 1.5f, -2.25f, Float.NaN,
        3.0e-5f, -0.0f, 1.0e30f, Float.POSITIVE_INFINITY,
        -1.0f, 0.1f, 123456.78f, -7.5f,
    };
    private static final int[] I32 = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 42};
    private static final long[] I64 = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40};

    static Path fixture(String name) {
        try {
            return Path.of(NpyFixturesTest.class.getResource("/npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes after the header of an NPY file. */
    private static byte[] data(Path p) throws IOException {
        NpyArray a = NpyArray.open(p);
        byte[] all = Files.readAllBytes(p);
        long dataBytes = a.size() * a.dtype().size();
        return Arrays.copyOfRange(all, (int) (all.length - dataBytes), all.length);
    }

    @Test
    void readsNumpyFloat32TwoD() {
        NpyArray a = NpyArray.open(fixture("f32_2d.npy"));
        assertThat(a.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(a.shape()).containsExactly(3, 4);
        assertThat(a.toFloatArray()).containsExactly(F32);
        float[] row1 = new float[4];
        a.floatRow(1).get(row1);
        assertThat(row1).containsExactly(3.0e-5f, -0.0f, 1.0e30f, Float.POSITIVE_INFINITY);
    }

    @Test
    void readsNumpyIntsAndBools() {
        assertThat(NpyArray.open(fixture("i32.npy")).require(DType.INT32, 5).toIntArray()).containsExactly(I32);
        assertThat(NpyArray.open(fixture("i64.npy")).require(DType.INT64, 5).toLongArray()).containsExactly(I64);
        NpyArray b = NpyArray.open(fixture("bool.npy")).require(DType.BOOL, 4);
        ByteBuffer bytes = b.bools(0, 4);
        assertThat(new byte[] {bytes.get(0), bytes.get(1), bytes.get(2), bytes.get(3)}).containsExactly(1, 0, 0, 1);
    }

    @Test
    void npyWriterWritesTheSameDataBytesAsNumpyAndReadsItsOwnOutput(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("f.npy");
        NpyWriter.write(f, F32, 3, 4);
        assertThat(data(f)).isEqualTo(data(fixture("f32_2d.npy")));
        NpyArray own = NpyArray.open(f);
        assertThat(own.shape()).containsExactly(3, 4);
        assertThat(own.toFloatArray()).containsExactly(F32);

        Path i = dir.resolve("i.npy");
        NpyWriter.write(i, I32);
        assertThat(data(i)).isEqualTo(data(fixture("i32.npy")));
        assertThat(NpyArray.open(i).require(DType.INT32, 5).toIntArray()).containsExactly(I32);

        Path l = dir.resolve("l.npy");
        NpyWriter.write(l, I64);
        assertThat(data(l)).isEqualTo(data(fixture("i64.npy")));
        assertThat(NpyArray.open(l).require(DType.INT64, 5).toLongArray()).containsExactly(I64);
    }

    @Test
    void rowByRowWritingMatchesNumpysThreeDLayout(@TempDir Path dir) throws IOException {
        // logits_t2_n3_c2.npy is [2, 3, 2]; written one [3, 2] observation at a time
        Path f = dir.resolve("logits.npy");
        try (NpyWriter w = NpyWriter.open(f, DType.FLOAT32, 3, 2)) {
            w.writeRow(new float[] {2, 0, 0, 1, 1, 1});
            w.writeRow(new float[] {3, -1, Float.NaN, Float.NaN, -2, 2});
        }
        assertThat(NpyArray.open(f).shape()).containsExactly(2, 3, 2);
        assertThat(data(f)).isEqualTo(data(fixture("logits_t2_n3_c2.npy")));
    }
}
