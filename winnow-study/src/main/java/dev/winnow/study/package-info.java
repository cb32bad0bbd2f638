/**
 * Pruning studies: many (method × kept fraction × seed) trainings of one target, compared with full
 * training at every cost counted. A {@link dev.winnow.study.StudySpec} (bound by Jackson from a spec file and
 * the flags) lists the data, the training settings and the {@link dev.winnow.study.Method methods}, each parsed
 * once by the core's parsers into a sealed type: random selection, a static keep-list (score and strategy) or
 * a dynamic policy, with two implicit baselines: full training, and {@code full:shorter} (all the data for the
 * optimizer steps of each kept fraction the methods use), the alternative a pruned run must beat to pay.
 * Every run's line carries its learning curve with every cost counted from the first point.
 *
 * <p>{@link dev.winnow.study.StudyRunner} runs a spec against a {@link dev.winnow.study.StudyEngine} — the small
 * interface through which the study loads data, records proxy dynamics and trains targets; the DJL engine lives
 * with the command line, a test engine with the tests — and computes scores, keep-lists and each run's
 * {@link dev.winnow.policy.EpochPolicy} with the core. The runner's parts: {@link dev.winnow.study.StudyFolder}
 * (layout, new/resume/force), {@code SeedArtifacts} (label noise, proxy store, scores, each reused on resume),
 * {@code PhaseTimer} (wall and CPU seconds per phase), {@code RunRecords} (a run's line with its costs) and
 * {@code StudyProgress} (the ETA line). {@link dev.winnow.study.StudyResults} reads a folder back for
 * {@link dev.winnow.study.Report} and {@link dev.winnow.study.StudyTable}.
 */
package dev.winnow.study;
