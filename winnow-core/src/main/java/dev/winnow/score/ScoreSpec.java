package dev.winnow.score;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.winnow.catalogue.Entry;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A score as the user names it, parsed once: its catalogue entry and the {@code @} argument (an epoch),
 * validated on construction. Specs travel as this value between modules; {@link #create} builds the score
 * when the options (seed, files, damping) are known.
 *
 * <p>Written {@code NAME} or {@code NAME@N} ({@code el2n@2}, {@code aum}, {@code dealrec}, {@code dealrec@3});
 * {@link #toString()} gives that canonical text, so {@code parse(s.toString()).equals(s)}. JSON carries the
 * text as well.
 *
 * @param entry    the score's catalogue entry ({@link Scores#catalogue()})
 * @param argument the number after {@code @}: present exactly when the entry's usage writes one (or may)
 */
public record ScoreSpec(Entry entry, OptionalInt argument) {
    public ScoreSpec {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(argument, "argument");
        if (Scores.entry(entry.name()).filter(entry::equals).isEmpty()) {
            throw new IllegalArgumentException("not a catalogued score: " + entry.name());
        }
        boolean takes = entry.usage().contains("@");
        boolean optional = entry.usage().contains("[@");
        if (argument.isEmpty() && takes && !optional) {
            throw new IllegalArgumentException("score '" + entry.name() + "' needs an epoch: write " + entry.usage()
                    + ", e.g. " + entry.name() + "@10");
        }
        if (argument.isPresent() && !takes) {
            throw new IllegalArgumentException("score '" + entry.name() + "' takes no @ argument: write "
                    + entry.name());
        }
        if (argument.isPresent() && argument.getAsInt() < 1) {
            throw new IllegalArgumentException("score '" + entry.name() + "@" + argument.getAsInt()
                    + "': the part after @ must be an epoch ≥ 1");
        }
    }

    /**
     * The spec the user wrote, e.g. {@code el2n@3}. Throws {@link IllegalArgumentException} (a usage error)
     * for a blank or unknown name (listing the known ones), or a missing, unwanted or malformed {@code @}
     * argument.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ScoreSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no score given; known scores: " + Scores.known());
        }
        String s = spec.strip();
        int at = s.indexOf('@');
        String base = at < 0 ? s : s.substring(0, at);
        Entry entry = Scores.entry(base).orElseThrow(() -> new IllegalArgumentException(
                "unknown score '" + s + "'; known scores: " + Scores.known()));
        if (at < 0) {
            return new ScoreSpec(entry, OptionalInt.empty());
        }
        if (!entry.usage().contains("@")) {
            throw new IllegalArgumentException("score '" + base + "' takes no @ argument: write " + base);
        }
        try {
            return new ScoreSpec(entry, OptionalInt.of(Integer.parseInt(s.substring(at + 1))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("score '" + s + "': the part after @ must be an epoch ≥ 1");
        }
    }

    /** The score's name, the part before any {@code @}: {@code el2n}, {@code aum}. */
    public String name() {
        return entry.name();
    }

    /**
     * Builds the score with {@code options} ({@code null}: {@link ScoreOptions#defaults()}). Fails
     * ({@link IllegalArgumentException}, a usage error) when the score needs an option that is missing, e.g.
     * {@code external} without its file.
     */
    public Score create(ScoreOptions options) {
        return Scores.create(entry, argument.orElse(0), options == null ? ScoreOptions.defaults() : options);
    }

    /** The canonical text: {@code el2n@3}, {@code aum}; the score's {@link Score#name()} is the same. */
    @JsonValue
    @Override
    public String toString() {
        return argument.isPresent() ? entry.name() + "@" + argument.getAsInt() : entry.name();
    }
}
