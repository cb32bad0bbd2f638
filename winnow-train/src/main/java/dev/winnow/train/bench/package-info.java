/**
 * The training loop's benchmark, run by hand or by {@code winnow bench train}, not by the tests:
 * {@link dev.winnow.train.bench.TrainBench} measures epoch time per model and the recorder's overhead.
 */
package dev.winnow.train.bench;
