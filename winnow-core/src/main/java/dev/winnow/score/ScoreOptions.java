package dev.winnow.score;

import java.nio.file.Path;

/**
 * What some scores need besides the store: the {@code seed} of {@code random}; the user's file and its
 * column for {@code external}; whether {@code vog} is standardised within each class.
 */
public record ScoreOptions(long seed, Path externalFile, String externalColumn, boolean vogPerClass) {
    /** Seed 0, no external file, raw vog. */
    public static ScoreOptions defaults() {
        return new ScoreOptions(0, null, null, false);
    }

    public ScoreOptions withSeed(long s) {
        return new ScoreOptions(s, externalFile, externalColumn, vogPerClass);
    }

    public ScoreOptions withExternal(Path file, String column) {
        return new ScoreOptions(seed, file, column, vogPerClass);
    }

    public ScoreOptions withVogPerClass(boolean perClass) {
        return new ScoreOptions(seed, externalFile, externalColumn, perClass);
    }
}
