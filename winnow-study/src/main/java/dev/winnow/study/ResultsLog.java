package dev.winnow.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.winnow.WinnowException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.jsonl}: one JSON object per finished run, one per line. A line is appended whole with
 * a single write and forced to disk before the run counts as done, so a crash leaves at most a torn last
 * line; {@link #open} drops such a line (and cuts it off the file) so the run is simply done again.
 */
public final class ResultsLog {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<JsonNode> lines;
    private final boolean repaired;

    private ResultsLog(Path file, List<JsonNode> lines, boolean repaired) {
        this.file = file;
        this.lines = lines;
        this.repaired = repaired;
    }

    /** Reads the runs in {@code file} (absent = none) and cuts off a torn last line. */
    public static ResultsLog open(Path file) {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return new ResultsLog(file, lines, false);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WinnowException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        int lastNewline = -1;
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        String whole = new String(bytes, 0, lastNewline + 1, StandardCharsets.UTF_8);
        String[] parts = whole.split("\n");
        int valid = lastNewline + 1;
        boolean repaired = valid < bytes.length;
        int offset = 0;
        for (int i = 0; i < parts.length; i++) {
            String line = parts[i];
            int lineBytes = line.getBytes(StandardCharsets.UTF_8).length + 1;
            if (!line.isBlank()) {
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n == null || !n.isObject()) {
                        throw new WinnowException(file + ": line " + (i + 1) + " is not a JSON object");
                    }
                    lines.add(n);
                } catch (JsonProcessingException e) {
                    if (i == parts.length - 1 && valid == bytes.length) {
                        // a newline-terminated but unparsable last line: also torn (the write was cut inside)
                        valid = offset;
                        repaired = true;
                        break;
                    }
                    throw new WinnowException(file + ": line " + (i + 1) + " is not valid JSON; the results file is damaged");
                }
            }
            offset += lineBytes;
        }
        if (repaired) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(valid);
                ch.force(true);
            } catch (IOException e) {
                throw new WinnowException(file + ": cannot repair the torn last line (" + e.getMessage() + ")", e);
            }
        }
        return new ResultsLog(file, lines, repaired);
    }

    /** The finished runs, in file order. */
    public List<JsonNode> lines() {
        return List.copyOf(lines);
    }

    /** Whether {@link #open} cut off a torn last line. */
    public boolean repaired() {
        return repaired;
    }

    /** Whether a run of {@code method} at {@code keep} with {@code seed} is recorded. */
    public boolean done(String method, double keep, long seed) {
        for (JsonNode n : lines) {
            if (n.path("method").asText().equals(method) && n.path("seed").asLong(-1) == seed
                    && Math.abs(n.path("keep").asDouble(-1) - keep) < 1e-12) {
                return true;
            }
        }
        return false;
    }

    /** Appends one run as one line: a single write, then fsync. */
    public void append(ObjectNode run) {
        byte[] line;
        try {
            line = (JSON.writeValueAsString(run) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new WinnowException(file + ": cannot append (" + e.getMessage() + ")", e);
        }
        lines.add(run);
    }
}
