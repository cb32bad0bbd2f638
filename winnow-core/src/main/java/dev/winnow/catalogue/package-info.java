/**
 * The one catalogue of methods (scores, selection strategies, dynamic policies): for each its name, how
 * it is written, its parameters with ranges and defaults, a help line and the paper. Each family keeps its
 * {@link dev.winnow.catalogue.Entry entries} next to its code; {@link dev.winnow.catalogue.Catalogue} lists
 * them and makes the help text, and the parsers of the specs read the same entries, so a command's help,
 * its parser and another command's defaults cannot drift apart.
 */
package dev.winnow.catalogue;
