package dev.winnow.io;

import dev.winnow.WinnowException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Outputs appear whole or not at all: write to a temporary sibling, then rename. An existing output is
 * refused unless the caller forces it.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Fails with a one-line message when {@code out} exists and {@code force} is false. */
    public static void refuseExisting(Path out, boolean force) {
        if (!force && Files.exists(out)) {
            throw new WinnowException(out + ": already exists (use --force to overwrite)");
        }
    }

    /**
     * A fresh temporary sibling file of {@code target}, in the same folder so the final move is a rename.
     * It is readable by all (rw-r--r--), as an ordinary output would be, not private like a temp file.
     */
    public static Path temporarySibling(Path target) {
        Path abs = target.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            return readableByAll(Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp"), "rw-r--r--");
        } catch (IOException e) {
            throw new WinnowException(target + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** A fresh temporary sibling folder of {@code target} (rwxr-xr-x), to be moved into place whole. */
    public static Path temporaryFolder(Path target) {
        Path abs = target.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            return readableByAll(Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + "."), "rwxr-xr-x");
        } catch (IOException e) {
            throw new WinnowException(target + ": cannot create (" + e.getMessage() + ")", e);
        }
    }

    private static Path readableByAll(Path p, String mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: its defaults will do
        }
        return p;
    }

    /** Moves {@code tmp} onto {@code target}, replacing it (atomically where the file system can). */
    public static void moveInto(Path tmp, Path target) {
        try {
            if (Files.isDirectory(target)) {
                deleteTree(target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new WinnowException(target + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** Writes {@code text} to {@code target} atomically. */
    public static void writeString(Path target, String text) {
        Path tmp = temporarySibling(target);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new WinnowException(target + ": cannot write (" + e.getMessage() + ")", e);
        }
        moveInto(tmp, target);
    }

    /** Deletes a file or a folder with everything in it; absent is fine. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Best-effort delete of a temporary file or folder. */
    public static void deleteQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (RuntimeException ignored) {
            // a temporary left behind is harmless; the original error matters more
        }
    }
}
