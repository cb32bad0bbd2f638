package dev.winnow.fuzz;

import dev.winnow.WinnowException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every fuzz test of a reader asserts: the reader either accepts the bytes or fails with Winnow's own
 * error, one line that names the file. Any other exception (or an error such as running out of memory)
 * escapes and is a finding.
 */
final class FuzzFiles {
    private FuzzFiles() {
    }

    /** A fresh folder for one fuzz test class (reused by every input: files are overwritten). */
    static Path folder(String name) {
        try {
            return Files.createTempDirectory("winnow-fuzz-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code read}; a {@link WinnowException} passes when its message is one line naming {@code named}. */
    static void readOrOneLine(Path named, Runnable read) {
        try {
            read.run();
        } catch (WinnowException e) {
            String m = e.getMessage();
            if (m == null || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
                throw new AssertionError("not one line: " + m, e);
            }
            if (!m.contains(named.toString())) {
                throw new AssertionError("does not name " + named + ": " + m, e);
            }
        }
    }
}
