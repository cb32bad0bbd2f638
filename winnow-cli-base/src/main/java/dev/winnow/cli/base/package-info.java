/**
 * What the two Winnow programs share on the command line, {@code winnow} (winnow-cli) and
 * {@code winnow spark} (winnow-spark): picocli mixins for the option blocks several commands take
 * ({@link dev.winnow.cli.base.SelectionOptions}, {@link dev.winnow.cli.base.OutputOptions},
 * {@link dev.winnow.cli.base.Overwrite}), one {@link dev.winnow.cli.base.ErrorHandler} that maps failures
 * to exit codes (0 done, 1 the data or a run failed, 2 usage error) and one line on stderr, and
 * {@link dev.winnow.cli.base.CommandLines}, which starts a program with its streams and that handler. It
 * depends on the core and picocli only, so the Spark module can use it without the training engine.
 */
package dev.winnow.cli.base;
