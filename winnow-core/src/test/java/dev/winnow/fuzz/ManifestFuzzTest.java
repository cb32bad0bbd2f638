package dev.winnow.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.npy.NpyWriter;

import java.nio.file.Path;

/**
 * A dynamics store whose {@code manifest.json} is arbitrary bytes, beside fixed valid arrays: 3 examples
 * with labels {0, 1, 0}, the signal {@code el2n} with 2 observations, 2 classes. When the store opens,
 * every signal row it lists is read. Saved inputs replay in every build; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ManifestFuzzTest {
    private static final Path STORE = store();

    private static Path store() {
        Path dir = FuzzFiles.folder("manifest");
        NpyWriter.write(dir.resolve("labels.npy"), new int[] {0, 1, 0});
        NpyWriter.write(dir.resolve("el2n.npy"), new float[] {0.1f, 0.2f, 0.3f, 0.4f, Float.NaN, 0.6f}, 2, 3);
        NpyWriter.write(dir.resolve("loss.npy"), new float[] {1f, 2f, 3f}, 1, 3);
        return dir;
    }

    @FuzzTest(maxDuration = "11m")
    void manifest(byte[] bytes) {
        FuzzFiles.write(STORE.resolve("manifest.json"), bytes);
        FuzzFiles.readOrOneLine(STORE, () -> {
            DynamicsStore s = DynamicsStore.open(STORE);
            int rows = s.observations().size();
            for (String signal : s.manifest().signals()) {
                for (int t = 0; t < rows; t++) {
                    s.signal(signal, t).remaining();
                }
            }
            if (s.runs() < 1 || s.examples() != s.labels().length || s.ids().length != s.examples()) {
                throw new AssertionError("inconsistent store accepted: " + s.manifest());
            }
        });
    }
}
