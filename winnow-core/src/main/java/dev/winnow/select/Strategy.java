package dev.winnow.select;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How to pick the kept examples from their scores (higher = harder). */
public enum Strategy {
    /** Top-k by score: the hardest examples. Paul et al. 2021 (EL2N/GraNd), Toneva et al. 2019. */
    HARD("hard", "the k hardest (highest scores); best when you keep much (>= ~70%)"),
    /** Bottom-k by score: the easiest examples; Sorscher et al. 2022 show it wins at very small budgets. */
    EASY("easy", "the k easiest (lowest scores); a baseline, and the better end when little data is kept"),
    /** Skip the hardest offset fraction (label noise, outliers), then top-k. */
    WINDOW("window", "skip the hardest --offset fraction (likely label noise), then the k hardest after it"),
    /** Uniform without replacement: the k smallest random keys. */
    RANDOM("random", "k uniformly at random (smallest random keys); a strong baseline at high compression"),
    /** Coverage-centric: equal-width score bins, the budget spread over bins. Zheng et al. 2023 (CCS). */
    STRATIFIED("stratified", "drop the hardest --drop-hardest fraction, then spread k over --bins equal-width score bins (CCS)"),
    /** alpha*k hardest plus weighted random picks. Ayed &amp; Hayou 2023. */
    CALIBRATED("calibrated", "--alpha of k hardest, the rest random with weights so the weighted loss estimates the full loss");

    private final String cliName;
    private final String summary;

    Strategy(String cliName, String summary) {
        this.cliName = cliName;
        this.summary = summary;
    }

    /** The name on the command line and in provenance. */
    public String cliName() {
        return cliName;
    }

    /** One line on what it does and when to use it. */
    public String summary() {
        return summary;
    }

    /** Whether the kept examples carry weights other than 1. */
    public boolean weighted() {
        return this == CALIBRATED;
    }

    /** Parses a command-line name; an unknown one fails naming the known ones. */
    public static Strategy parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (Strategy s : values()) {
            if (s.cliName.equals(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + name + "' (choose one of " + names() + ")");
    }

    /** The known names, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(Strategy::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
