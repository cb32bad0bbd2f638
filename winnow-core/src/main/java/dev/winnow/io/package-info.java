/**
 * Files the commands read and write besides the store: {@link dev.winnow.io.DelimitedReader}, the one
 * reader of CSV and TSV files (header, quoting, line numbers in every error); the score table
 * {@code id,label,score} ({@link dev.winnow.io.ScoreTable}); and {@link dev.winnow.io.AtomicFiles}, so an
 * output appears whole (temporary file, then rename) and is never overwritten without {@code --force}.
 */
package dev.winnow.io;
