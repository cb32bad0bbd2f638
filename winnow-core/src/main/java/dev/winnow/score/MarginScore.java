package dev.winnow.score;

/**
 * <code>margin@E</code>: −(p_(1) − p_(2)), negated so a small top-2 margin ranks as hard (margin sampling; Scheffer et al. 2001; Coleman et al. 2020).
 * Read at epoch E as in {@link AtEpochScore}: checkpoint of epoch E, else the last presentation in E.
 */
public final class MarginScore extends AtEpochScore {
    public MarginScore(int epoch) {
        super("margin", "top2_margin", epoch);
    }

    @Override
    float transform(float mean) {
        return -mean;
    }
}
