package dev.winnow.study.report;

import java.util.OptionalInt;

/**
 * Whether one method paid at one kept fraction, and by how much: a row of the report's verdict table.
 * The rule (DESIGN "Cost accounting"): a method <em>pays</em> at a budget when its mean accuracy beats
 * {@code full:shorter}'s (all the data, the same number of steps) at no more total cost, or equals full
 * training's (within {@link Verdicts#MATCH}) at less. A method that {@code full:shorter} is at least as
 * accurate as, for no more cost, never pays: the user had that for free.
 *
 * @param method          the method's name
 * @param keep            the kept fraction
 * @param seeds           runs averaged
 * @param accMean         mean test accuracy
 * @param total           mean total seconds, everything counted
 * @param amortised       the part of {@code total} paid once however many targets share it: proxy training
 *                        and scoring (0 for methods without a proxy)
 * @param timesFull       total over full training's total
 * @param shorterAcc      {@code full:shorter}'s mean accuracy at this kept fraction (full training's at 1);
 *                        NaN when the study has none
 * @param shorterTotal    {@code full:shorter}'s mean total seconds (NaN when none)
 * @param outcome         the verdict
 * @param why             the comparison that decided it, in words
 * @param saving          1 − total / the total of the cheapest full-data run (full or {@code full:shorter}) at
 *                        least as accurate; negative when the method costs more; NaN for a baseline
 * @param matchedBy       the full-data run {@link #saving} is against ({@code null} for a baseline)
 * @param beyond          whether the method is more accurate than every full-data run (then {@link #saving}
 *                        is against the most accurate one)
 * @param timeToAccuracy  cumulative seconds until its mean curve comes within {@link Verdicts#MATCH} of full
 *                        training's final accuracy; infinity when it never does, NaN without a curve
 * @param breakEven       the smallest number R of target trainings sharing one proxy's scores for which
 *                        (proxy + scoring) / R + selection + training + evaluation ≤ full training's total;
 *                        empty when no R gets there ("never")
 * @param pareto          whether the cell is on the Pareto frontier of (total seconds, accuracy)
 */
public record Verdict(String method, double keep, int seeds, double accMean, double total, double amortised,
                      double timesFull,
                      double shorterAcc, double shorterTotal, Outcome outcome, String why, double saving,
                      String matchedBy, boolean beyond, double timeToAccuracy, OptionalInt breakEven,
                      boolean pareto) {

    /** The verdict on a (method, kept fraction). */
    public enum Outcome {
        /** Beats {@code full:shorter} at no more cost, or matches full training for less. */
        PAYS("pays"),
        /** Neither. */
        DOES_NOT_PAY("does not pay"),
        /** Full training or {@code full:shorter}: what the others are judged against. */
        BASELINE("baseline");

        private final String words;

        Outcome(String words) {
            this.words = words;
        }

        /** How the table writes it. */
        public String words() {
            return words;
        }
    }

    /** Whether the method paid. */
    public boolean pays() {
        return outcome == Outcome.PAYS;
    }

    /** Whether the study has a {@code full:shorter} run (or full training, at kept fraction 1) to compare with. */
    public boolean hasShorter() {
        return !Double.isNaN(shorterAcc);
    }

    /**
     * The smallest R ≥ 1 with {@code amortised / R + perTarget ≤ fullTotal}: how many targets must share a
     * cost that is paid once ({@code amortised}: proxy training and scoring) before a method that also pays
     * {@code perTarget} (selection, training, evaluation) every time costs no more than full training. Empty
     * when even R → ∞ does not get below full training ({@code perTarget ≥ fullTotal} while something is
     * amortised) or a number is missing.
     */
    public static OptionalInt breakEven(double amortised, double perTarget, double fullTotal) {
        if (!Double.isFinite(amortised) || !Double.isFinite(perTarget) || !Double.isFinite(fullTotal)) {
            return OptionalInt.empty();
        }
        if (amortised <= 0) {
            return perTarget <= fullTotal ? OptionalInt.of(1) : OptionalInt.empty();
        }
        double room = fullTotal - perTarget;
        if (room <= 0) {
            return OptionalInt.empty();
        }
        double r = Math.max(1, Math.ceil(amortised / room));
        if (r >= Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        int n = (int) r;
        // the division may round either way; settle on the exact smallest R
        while (n > 1 && amortised / (n - 1) + perTarget <= fullTotal) {
            n--;
        }
        while (n < Integer.MAX_VALUE && amortised / n + perTarget > fullTotal) {
            n++;
        }
        return OptionalInt.of(n);
    }
}
