/**
 * Randomness as a key, not a stream: {@link dev.winnow.random.RandomKey#key} is a pure function of the seed
 * and an example's id (SplitMix64; Steele, Lea &amp; Flood 2014), so every engine (the core, Spark, a NumPy
 * script) draws the same "random" keep-list in any order and on any partitioning, and label noise is
 * reproducible from its seed alone.
 */
package dev.winnow.random;
