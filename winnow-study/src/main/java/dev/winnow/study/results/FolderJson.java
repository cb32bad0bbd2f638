package dev.winnow.study.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.WinnowException;
import dev.winnow.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/** The one mapper of a study folder's small JSON files, and their reading and atomic writing. */
final class FolderJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private FolderJson() {
    }

    static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new WinnowException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Pretty-printed, with a final newline. */
    static void writePretty(Path file, Object value) {
        try {
            AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** On one line, no final newline. */
    static void writeCompact(Path file, Object value) {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
