/**
 * NumPy's {@code .npy} format, read memory-mapped ({@link dev.winnow.npy.NpyArray}) and written row by row
 * ({@link dev.winnow.npy.NpyWriter}), little-endian and in C order, so that the store's arrays are the ones
 * NumPy writes and reads.
 */
package dev.winnow.npy;
