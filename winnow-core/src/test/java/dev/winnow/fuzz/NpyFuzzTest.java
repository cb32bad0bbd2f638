package dev.winnow.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.winnow.npy.NpyArray;

import java.nio.file.Path;

/**
 * The NPY reader on arbitrary bytes: opened, and when the header is accepted, every element read. Saved
 * inputs (resources {@code NpyFuzzTestInputs/npy/}) replay in every build; {@code JAZZER_FUZZ=1} fuzzes.
 */
class NpyFuzzTest {
    private static final Path DIR = FuzzFiles.folder("npy");
    private static final long READ_LIMIT = 1 << 16;

    @FuzzTest(maxDuration = "11m")
    void npy(byte[] bytes) {
        Path f = FuzzFiles.write(DIR.resolve("a.npy"), bytes);
        FuzzFiles.readOrOneLine(f, () -> {
            NpyArray a = NpyArray.open(f);
            if (a.size() > READ_LIMIT) {
                return;
            }
            switch (a.dtype()) {
                case FLOAT32 -> a.toFloatArray();
                case INT32 -> a.toIntArray();
                case INT64 -> a.toLongArray();
                case BOOL -> a.bools(0, (int) a.size()).remaining();
                default -> a.shape();
            }
            if (a.rank() == 2 && a.dim(0) > 0 && a.dtype() == dev.winnow.npy.DType.FLOAT32) {
                a.floatRow(a.dim(0) - 1).remaining();
            }
        });
    }
}
