package dev.winnow.train;

import dev.winnow.WinnowException;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the recorder writes besides the presentation observations of every epoch: checkpoint passes
 * at the given epochs, the raw logits, the features h at the last checkpoint of each run, and VoG
 * across the checkpoints (needs at least two).
 */
public record RecordOptions(SortedSet<Integer> checkpoints, boolean logits, boolean features, boolean vog) {
    public RecordOptions {
        checkpoints = new TreeSet<>(checkpoints);
        for (int e : checkpoints) {
            if (e < 1) {
                throw new WinnowException("--checkpoints: epochs start at 1, got " + e);
            }
        }
        if (vog && checkpoints.size() < 2) {
            throw new WinnowException("--vog needs at least two --checkpoints (the variance is across them)");
        }
    }

    /** Checks the checkpoints against the number of epochs. */
    public void validate(int epochs) {
        if (!checkpoints.isEmpty() && checkpoints.last() > epochs) {
            throw new WinnowException("--checkpoints " + checkpoints.last() + " is after the last epoch (" + epochs + ")");
        }
    }

    /** Parses "1,5,10", "all" (every epoch, given {@code epochs}), "last" or "none". */
    public static SortedSet<Integer> parseCheckpoints(String s, int epochs) {
        TreeSet<Integer> out = new TreeSet<>();
        if (s == null || s.isBlank() || s.equals("last")) {
            out.add(epochs);
            return out;
        }
        if (s.equals("none")) {
            return out;
        }
        if (s.equals("all")) {
            for (int e = 1; e <= epochs; e++) {
                out.add(e);
            }
            return out;
        }
        for (String p : List.of(s.split(","))) {
            try {
                out.add(Integer.parseInt(p.trim()));
            } catch (NumberFormatException e) {
                throw new WinnowException("--checkpoints '" + s + "': expected epochs like 1,5,10, or all, last, none");
            }
        }
        return out;
    }
}
