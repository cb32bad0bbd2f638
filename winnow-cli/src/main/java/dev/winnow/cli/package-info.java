/**
 * The {@code winnow} command (picocli): {@link dev.winnow.cli.WinnowCli} and one class per subcommand, in the
 * order a user meets them — {@code demo}, {@code study}, {@code report}, {@code train}, {@code import},
 * {@code score}, {@code select}, {@code prune}, {@code bench}. A command only parses and wires: options arrive
 * typed (the shared blocks are mixins of {@code winnow-cli-base}), every spec string is parsed once here by the
 * core's own parser, and the work is done by the core, the training module and the study module. Output goes to
 * the command's own streams; errors become one line and an exit code through the shared handler.
 */
package dev.winnow.cli;
