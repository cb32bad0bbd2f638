package dev.winnow.io;

import dev.winnow.WinnowException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The exclusive lock of a folder that one process at a time may write (a study folder, one seed of a
 * translation study): an operating-system lock on a file in the folder, which holds the owner's pid. The system
 * releases it when the owning process ends, so a run killed with SIGKILL leaves no stale lock: the next resume
 * simply takes it.
 */
public final class FolderLock implements AutoCloseable {
    private final Path dir;
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean createdDir;

    private FolderLock(Path dir, Path file, FileChannel channel, FileLock lock, boolean createdDir) {
        this.dir = dir;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.createdDir = createdDir;
    }

    /**
     * Takes the lock or fails with one line naming the folder, the holder and its pid.
     *
     * @param dir    the folder (created if absent; removed on close if it then holds only the lock)
     * @param file   the lock file inside it
     * @param holder what holds such a lock, for the message: "winnow study"
     */
    public static FolderLock take(Path dir, Path file, String holder) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new WinnowException(dir + ": exists and is not a folder");
        }
        boolean created = !Files.exists(dir);
        FileChannel ch;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new WinnowException(dir + ": cannot create (" + e.getMessage() + ")", e);
        }
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        } catch (IOException e) {
            close(ch);
            throw new WinnowException(file + ": cannot lock (" + e.getMessage() + ")", e);
        }
        if (l == null) {
            String owner = owner(ch);
            close(ch);
            throw new WinnowException(dir + ": another " + holder + " is running in this folder"
                    + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; wait for it to end, or use another folder");
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            close(ch);
            throw new WinnowException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
        return new FolderLock(dir, file, ch, l, created);
    }

    private static String owner(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip().replaceAll("[^0-9]", "");
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the lock; a folder the lock created that holds nothing else is removed. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
        if (createdDir && onlyTheLock()) {
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // an empty folder left behind is harmless
            }
        }
    }

    private boolean onlyTheLock() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> p.equals(file));
        } catch (IOException e) {
            return false;
        }
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
