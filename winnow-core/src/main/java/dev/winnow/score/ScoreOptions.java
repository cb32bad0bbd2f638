package dev.winnow.score;

import java.nio.file.Path;

/**
 * What some scores need besides the store: the {@code seed} of {@code random}; the user's file and its
 * column for {@code external}; whether {@code vog} is standardised within each class; the L2 damping λ of
 * {@code influence} (and of the influence half of {@code dealrec}); the weight λ of the effort half of
 * {@code dealrec}.
 */
public record ScoreOptions(long seed, Path externalFile, String externalColumn, boolean vogPerClass,
                           double influenceDamping, double dealrecLambda) {
    // The one place of these defaults: the score catalogue (Scores#catalogue) shows them, the command line
    // names them; constants so that option annotations can use them.
    /** The default L2 damping of {@code influence}. */
    public static final double DEFAULT_DAMPING = 0.01;
    /** The default weight of the effort term of {@code dealrec}. */
    public static final double DEFAULT_DEALREC_LAMBDA = 1.0;

    public ScoreOptions {
        if (!(influenceDamping > 0) || Double.isInfinite(influenceDamping)) {
            throw new IllegalArgumentException("the influence damping must be a finite number > 0, got "
                    + influenceDamping);
        }
        if (!(dealrecLambda >= 0) || Double.isInfinite(dealrecLambda)) {
            throw new IllegalArgumentException("the dealrec weight λ must be a finite number ≥ 0, got " + dealrecLambda);
        }
    }

    /** The default damping and dealrec weight. */
    public ScoreOptions(long seed, Path externalFile, String externalColumn, boolean vogPerClass) {
        this(seed, externalFile, externalColumn, vogPerClass, DEFAULT_DAMPING, DEFAULT_DEALREC_LAMBDA);
    }

    /** Seed 0, no external file, raw vog, damping 0.01, dealrec λ = 1. */
    public static ScoreOptions defaults() {
        return new ScoreOptions(0, null, null, false);
    }

    public ScoreOptions withSeed(long s) {
        return new ScoreOptions(s, externalFile, externalColumn, vogPerClass, influenceDamping, dealrecLambda);
    }

    public ScoreOptions withExternal(Path file, String column) {
        return new ScoreOptions(seed, file, column, vogPerClass, influenceDamping, dealrecLambda);
    }

    public ScoreOptions withVogPerClass(boolean perClass) {
        return new ScoreOptions(seed, externalFile, externalColumn, perClass, influenceDamping, dealrecLambda);
    }

    public ScoreOptions withInfluenceDamping(double damping) {
        return new ScoreOptions(seed, externalFile, externalColumn, vogPerClass, damping, dealrecLambda);
    }

    public ScoreOptions withDealrecLambda(double lambda) {
        return new ScoreOptions(seed, externalFile, externalColumn, vogPerClass, influenceDamping, lambda);
    }
}
