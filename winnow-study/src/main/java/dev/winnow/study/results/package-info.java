/**
 * What a study folder records, as types: {@link dev.winnow.study.results.RunRecord} is one line of
 * {@code results.jsonl} (a finished run with its costs and provenance), {@link dev.winnow.study.results.ProxyCost}
 * what a seed's proxy cost ({@code proxy/seed-S.json}), {@link dev.winnow.study.results.ScoreCost} which score
 * a table holds and what it cost ({@code scores/seed-S/NAME.json}), both read and written as a
 * {@link dev.winnow.study.results.StepCost}, and
 * {@link dev.winnow.study.results.ExtremeExamples} the pixels or text of the extreme examples in
 * {@code examples.json}. All are records bound by Jackson with the folder's snake_case field names, so the
 * runner writes and the report reads one schema.
 *
 * <p>Compatibility: the layout is the one studies have always written, so every older folder reads
 * (an object it lacks, such as {@code cpu_seconds} before CPU time was counted, reads as {@code null});
 * fields a newer version adds are ignored when read. A new field is a new component; lines without it
 * read it as {@code null}.
 */
package dev.winnow.study.results;
