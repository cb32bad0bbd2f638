package dev.winnow.io;

import dev.winnow.WinnowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFilesTest {
    @Test
    void writesWholeReadableFilesAndRefusesToOverwrite(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("sub/out.txt");
        AtomicFiles.writeString(out, "one");
        assertThat(Files.readString(out)).isEqualTo("one");
        // an output is an ordinary file, readable by others, not a private temp file
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r--r--");
        assertThat(Files.list(out.getParent())).containsExactly(out);
        assertThatThrownBy(() -> AtomicFiles.refuseExisting(out, false))
                .isInstanceOf(WinnowException.class).hasMessage(out + ": already exists (use --force to overwrite)");
        AtomicFiles.refuseExisting(out, true);
    }

    @Test
    void temporaryFolderIsAHiddenReadableSiblingThatMovesIntoPlace(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("store");
        Path tmp = AtomicFiles.temporaryFolder(target);
        assertThat(tmp.getParent()).isEqualTo(dir.toAbsolutePath());
        assertThat(tmp.getFileName().toString()).startsWith(".store.");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp))).isEqualTo("rwxr-xr-x");
        Files.writeString(tmp.resolve("a"), "x");
        AtomicFiles.moveInto(tmp, target);
        assertThat(Files.readString(target.resolve("a"))).isEqualTo("x");
        assertThat(tmp).doesNotExist();
    }
}
