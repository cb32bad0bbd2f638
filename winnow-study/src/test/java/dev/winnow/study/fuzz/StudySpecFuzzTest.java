package dev.winnow.study.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.winnow.WinnowException;
import dev.winnow.study.StudySpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The study spec reader on arbitrary bytes, as YAML (first byte even) or JSON (odd) after that byte. It
 * accepts, or fails with one line naming the file; an accepted spec must come back equal from the
 * {@code study.json} it writes (what {@code --resume} reads). Saved inputs replay in every build;
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class StudySpecFuzzTest {
    private static final Path DIR = folder();

    private static Path folder() {
        try {
            return Files.createTempDirectory("winnow-fuzz-spec");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "11m")
    void spec(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return;
        }
        Path f = DIR.resolve((bytes[0] & 1) == 0 ? "spec.yaml" : "spec.json");
        Files.write(f, Arrays.copyOfRange(bytes, 1, bytes.length));
        StudySpec spec;
        try {
            spec = StudySpec.read(f);
        } catch (WinnowException e) {
            String m = e.getMessage();
            if (m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0 || !m.contains(f.toString())) {
                throw new AssertionError("not one line naming the file: " + m, e);
            }
            return;
        }
        Path back = DIR.resolve("study.json");
        Files.writeString(back, spec.toJson());
        StudySpec again = StudySpec.read(back);
        if (!again.equals(spec)) {
            throw new AssertionError("study.json does not read back the same: " + spec + " vs " + again);
        }
    }
}
