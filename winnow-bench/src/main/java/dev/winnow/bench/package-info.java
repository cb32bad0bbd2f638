/**
 * Winnow's own speed, measured against a baseline in the same run so that a loaded machine moves both:
 * {@link dev.winnow.bench.ScoreBench} (scores against a plain read of the same memory-mapped rows),
 * {@link dev.winnow.bench.SelectBench} (selection against one sort of the scores),
 * {@link dev.winnow.bench.TrainBench} (epoch time per model, the recorder's overhead) and
 * {@link dev.winnow.bench.BenchStore} (the synthetic store of the Spark measurement). They print numbers,
 * they assert nothing, and they live in their own module so that no library jar carries them;
 * {@code winnow bench scores|select|train} runs the first three.
 */
package dev.winnow.bench;
