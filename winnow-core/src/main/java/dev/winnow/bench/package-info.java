/**
 * Micro-benchmarks of the core, run by hand or by {@code winnow bench}, not by the tests (timings depend
 * on the machine): {@link dev.winnow.bench.ScoreBench} compares scores to the cost of just reading their
 * rows, {@link dev.winnow.bench.SelectBench} compares selection to one sort of the scores.
 */
package dev.winnow.bench;
