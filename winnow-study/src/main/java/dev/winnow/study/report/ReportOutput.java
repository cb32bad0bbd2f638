package dev.winnow.study.report;

import dev.winnow.WinnowException;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the report's image files go: a folder when the report is written, memory in a test. The page
 * refers to them by name under {@link ReportPage#FILES}.
 */
public interface ReportOutput {
    /** A new file {@code name} (a plain file name) to write; the caller closes it. */
    OutputStream create(String name) throws IOException;

    /** Writes {@code image} as the PNG file {@code name}. */
    default void png(String name, RenderedImage image) {
        try (OutputStream out = create(name); ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", ios)) {
                throw new IllegalStateException("no PNG writer in this Java");
            }
        } catch (IOException e) {
            throw new WinnowException(name + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** Files in the folder {@code dir}, which exists. */
    static ReportOutput folder(Path dir) {
        return name -> Files.newOutputStream(dir.resolve(name));
    }
}
