package dev.winnow.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.WinnowException;
import dev.winnow.study.results.RunRecord;

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
 * {@code results.jsonl}: one {@link RunRecord} per finished run, one per line. A line is appended whole
 * with a single write and forced to disk before the run counts as done, so a crash leaves at most a torn
 * last line; {@link #open} drops such a line (and cuts it off the file) so the run is simply done again.
 */
public final class ResultsLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<RunRecord> runs;
    private final boolean repaired;

    private ResultsLog(Path file, List<RunRecord> runs, boolean repaired) {
        this.file = file;
        this.runs = runs;
        this.repaired = repaired;
    }

    /**
     * Reads the runs in {@code file} (absent = none) and cuts off a torn last line. A line that is not
     * valid JSON before the last, or a run without its method, kept fraction or seed, is an error naming
     * the line.
     */
    public static ResultsLog open(Path file) {
        List<JsonNode> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        if (!Files.exists(file)) {
            return new ResultsLog(file, new ArrayList<>(), false);
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
                    numbers.add(i + 1);
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
        // bound after the whole file parsed, so that damage is reported before a line that is no run
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                runs.add(RunRecord.fromJson(lines.get(i)));
            } catch (IllegalArgumentException e) {
                throw new WinnowException(file + ": line " + numbers.get(i) + " is not a run (" + e.getMessage() + ")", e);
            }
        }
        return new ResultsLog(file, runs, repaired);
    }

    /** The finished runs, in file order. */
    public List<RunRecord> runs() {
        return List.copyOf(runs);
    }

    /** Whether {@link #open} cut off a torn last line. */
    public boolean repaired() {
        return repaired;
    }

    /** Whether a run of {@code method} at {@code keep} with {@code seed} is recorded. */
    public boolean done(String method, double keep, long seed) {
        for (RunRecord r : runs) {
            if (r.is(method, keep, seed)) {
                return true;
            }
        }
        return false;
    }

    /** Appends one run as one line: a single write, then fsync. */
    public void append(RunRecord run) {
        byte[] line = (run.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
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
        runs.add(run);
    }
}
