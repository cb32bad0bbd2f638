/**
 * Winnow's core: data pruning without a training engine. A user who trains in PyTorch (or anything else)
 * scores and selects from files NumPy wrote with this module alone. The concepts live one per package:
 * {@code dynamics} (the store), {@code score}, {@code select}, {@code policy}, {@code catalogue}; this
 * package holds only {@link dev.winnow.WinnowException}, the one-line error about the user's data that
 * every command prints alone and answers with exit code 1.
 */
package dev.winnow;
