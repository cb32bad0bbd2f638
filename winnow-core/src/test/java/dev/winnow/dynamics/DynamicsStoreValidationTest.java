package dev.winnow.dynamics;

import dev.winnow.WinnowException;
import dev.winnow.npy.DType;
import dev.winnow.npy.NpyArray;
import dev.winnow.npy.NpyWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad inputs to the store and the NPY reader: each one a WinnowException whose message names the file. */
class DynamicsStoreValidationTest {
    @TempDir
    Path dir;
    Path store;

    /** A valid store: 4 examples, 3 classes, 2 checkpoint observations, signals loss and el2n. */
    @BeforeEach
    void writeStore() {
        try (DynamicsWriter w = DynamicsWriter.create(dir.resolve("s"), 4, 3, EnumSet.of(Signal.LOSS, Signal.EL2N),
                false, false)) {
            w.labels(new int[] {0, 1, 2, 1});
            for (int e = 1; e <= 2; e++) {
                float[] row = {0.1f * e, 0.2f, Float.NaN, 0.4f};
                w.observeSignals(new Observation(0, e, ObservationKind.CHECKPOINT),
                        Map.of(Signal.LOSS, row, Signal.EL2N, row), null);
            }
            store = w.commit();
        }
    }

    @Test
    void theValidStoreOpens() {
        DynamicsStore s = DynamicsStore.open(store);
        assertThat(s.examples()).isEqualTo(4);
        float[] row = new float[4];
        s.signal("loss", 1).get(row);
        assertThat(row).containsExactly(0.2f, 0.2f, Float.NaN, 0.4f);
    }

    private void assertFails(String fileName, String what) {
        assertThatThrownBy(() -> DynamicsStore.open(store))
                .isInstanceOf(WinnowException.class)
                .hasMessageContaining(store.resolve(fileName).toString())
                .hasMessageContaining(what)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void truncatedSignal() throws IOException {
        Path f = store.resolve("loss.npy");
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 3));
        assertFails("loss.npy", "truncated");
    }

    @Test
    void fileShorterThanItsHeader() throws IOException {
        Path f = store.resolve("el2n.npy");
        Files.write(f, Arrays.copyOf(Files.readAllBytes(f), 40));
        assertFails("el2n.npy", "truncated header");
    }

    @Test
    void garbledHeader() throws IOException {
        Path f = store.resolve("loss.npy");
        byte[] b = Files.readAllBytes(f);
        byte[] junk = "{'dscr': '<f4', 'fortran': False}".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(junk, 0, b, 10, junk.length);
        Files.write(f, b);
        assertFails("loss.npy", "garbled header");
    }

    @Test
    void badMagic() throws IOException {
        Path f = store.resolve("loss.npy");
        byte[] b = Files.readAllBytes(f);
        b[1] = 'X';
        Files.write(f, b);
        assertFails("loss.npy", "not an NPY file");
    }

    @Test
    void dtypeDisagreeingWithTheManifest() {
        Path f = store.resolve("loss.npy");
        try (NpyWriter w = NpyWriter.open(f, DType.INT32, 4)) {
            w.writeRow(new int[] {1, 2, 3, 4}).writeRow(new int[] {1, 2, 3, 4});
        }
        assertFails("loss.npy", "dtype int32, expected float32");
    }

    @Test
    void shapeDisagreeingWithTheManifest() {
        NpyWriter.write(store.resolve("el2n.npy"), new float[] {1, 2, 3, 4}, 1, 4);
        assertFails("el2n.npy", "shape [1, 4], expected [2, 4]");
    }

    @Test
    void labelsOutOfRange() {
        NpyWriter.write(store.resolve("labels.npy"), new int[] {0, 1, 3, 1});
        assertFails("labels.npy", "label 3 of example index 2 is outside [0, 3)");
    }

    @Test
    void labelsOfTheWrongType() {
        NpyWriter.write(store.resolve("labels.npy"), new long[] {0, 1, 2, 1});
        assertFails("labels.npy", "dtype int64, expected int32");
    }

    @Test
    void missingSignalFile() throws IOException {
        Files.delete(store.resolve("el2n.npy"));
        assertFails("el2n.npy", "missing, but the manifest lists signal 'el2n'");
    }

    @Test
    void missingManifest() throws IOException {
        Files.delete(store.resolve("manifest.json"));
        assertFails("manifest.json", "missing");
    }

    @Test
    void garbledManifest() throws IOException {
        Files.writeString(store.resolve("manifest.json"), "{\"format\": \"winnow-dynamics\", \"version\": ");
        assertFails("manifest.json", "not a valid manifest");
    }

    @Test
    void trailingBytesAfterTheData() throws IOException {
        Path f = store.resolve("loss.npy");
        Files.write(f, new byte[] {0, 0, 0, 0}, java.nio.file.StandardOpenOption.APPEND);
        assertFails("loss.npy", "trailing bytes");
    }

    @Test
    void npyReaderRejectsUnsupportedDtypeAndFortranOrder() throws IOException {
        Path f = dir.resolve("u8.npy");
        writeRaw(f, "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", new byte[2]);
        assertThatThrownBy(() -> NpyArray.open(f)).isInstanceOf(WinnowException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("unsupported dtype '|u1'");
        Path g = dir.resolve("fortran.npy");
        writeRaw(g, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }", new byte[4]);
        assertThatThrownBy(() -> NpyArray.open(g)).isInstanceOf(WinnowException.class)
                .hasMessageContaining(g.toString()).hasMessageContaining("Fortran order");
        Path h = dir.resolve("empty.npy");
        Files.write(h, new byte[0]);
        assertThatThrownBy(() -> NpyArray.open(h)).isInstanceOf(WinnowException.class)
                .hasMessageContaining(h.toString());
    }

    private static void writeRaw(Path f, String dict, byte[] data) throws IOException {
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] hb = h.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[10 + hb.length + data.length];
        out[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
        out[6] = 1;
        out[8] = (byte) hb.length;
        out[9] = (byte) (hb.length >>> 8);
        System.arraycopy(hb, 0, out, 10, hb.length);
        System.arraycopy(data, 0, out, 10 + hb.length, data.length);
        Files.write(f, out);
    }
}
