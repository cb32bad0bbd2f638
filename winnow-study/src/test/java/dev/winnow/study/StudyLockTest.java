package dev.winnow.study;

import dev.winnow.WinnowException;
import dev.winnow.io.FolderLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One study per folder: a second is refused with one line; the lock dies with its process. */
class StudyLockTest {
    /** Holds the lock of the folder args[0] until killed (run in a child JVM by the test). */
    public static final class Holder {
        public static void main(String[] args) throws InterruptedException {
            FolderLock held = new StudyFolder(Path.of(args[0])).lock();
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
            held.close();
        }
    }

    @Test
    void aSecondLockIsRefusedUntilTheFirstIsClosed(@TempDir Path tmp) throws IOException {
        StudyFolder f = new StudyFolder(tmp.resolve("s"));
        FolderLock first = f.lock();
        assertThat(Files.readString(tmp.resolve("s/.lock")).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThatThrownBy(f::lock).isInstanceOf(WinnowException.class)
                .hasMessage(tmp.resolve("s") + ": another winnow study is running in this folder (pid "
                        + ProcessHandle.current().pid() + "); wait for it to end, or use another folder");
        first.close();
        // the lock created the folder and nothing else was written: it is gone again
        assertThat(tmp.resolve("s")).doesNotExist();
        try (FolderLock again = f.lock()) {
            Files.writeString(tmp.resolve("s/study.json"), "{}");
        }
        assertThat(tmp.resolve("s/study.json")).exists();
    }

    @Test
    void aFolderHoldingOnlyTheLockIsEmptyForANewStudy(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("s");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".lock"), "12\n");
        assertThatThrownBy(() -> new StudyFolder(dir).prepare(null, StudyFolder.Mode.NEW))
                .hasMessageContaining("no study spec given"); // not "already exists"
    }

    @Test
    void theLockDiesWithItsProcess(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("s");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            assertThat(new String(p.getInputStream().readNBytes(7))).isEqualTo("locked\n");
            assertThatThrownBy(() -> new StudyFolder(dir).lock()).hasMessageContaining("(pid " + p.pid() + ")");
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (FolderLock l = new StudyFolder(dir).lock()) {
                assertThat(Files.readString(dir.resolve(".lock")).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
