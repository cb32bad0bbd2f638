package dev.winnow.train;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate the optimizer asks for: base × the schedule's factor at the training progress the loop
 * sets (in epochs, (e − 1 + position in the epoch's selection) / E, so an epoch of fewer examples still covers
 * one epoch of the schedule); {@link #applied} is the last rate handed out, for the batch records.
 */
final class LrTracker implements Tracker {
    private final float base;
    private final Schedule schedule;
    volatile double progress;
    volatile float applied = Float.NaN;

    LrTracker(float base, Schedule schedule) {
        this.base = base;
        this.schedule = schedule;
    }

    @Override
    public float getNewValue(int numUpdate) {
        float lr = (float) (base * schedule.factor(progress));
        applied = lr;
        return lr;
    }
}
