/**
 * The same scores and selections as {@code winnow-core}, over dynamics in Parquet, with Apache Spark.
 *
 * <h2>Parquet layout of dynamics (long format)</h2>
 * One row per (run, epoch, kind, id), that is one row per example per observation of the dynamics store:
 * <pre>
 * column        Parquet type              meaning
 * run           int32                     proxy run, 0-based (manifest "observations"[t].run)
 * epoch         int32                     epoch, 1-based (manifest "observations"[t].epoch)
 * kind          binary (STRING)           "checkpoint" or "presentation"
 * t             int32      (optional)     the observation's position in the store; orders observations
 *                                         within a run. Absent: epoch, presentations before the checkpoint
 * id            int64                     example id (ids.npy, default the index 0..N-1)
 * label         int32                     class of the example, in [0, C); the same in all its rows
 * &lt;signal&gt;      float                     one column per signal of the store, named as in the manifest:
 *                                         loss, p_true, logit_margin, correct, el2n, grad_norm, entropy,
 *                                         p_max, top2_margin (those the store has); NaN = not observed
 * </pre>
 * Rows are dense: every example has a row in every observation (NaN where it was not observed), as
 * {@link dev.winnow.spark.ParquetExport} writes them. A score needs only its own signal column. Integer
 * columns may be any integral type and signal columns float or double; anything else is refused with one
 * line naming the column. {@code ParquetExport} writes one file per observation ({@code part-00000.parquet},
 * …), so filters on epoch and kind skip whole files, and a copy of the store's manifest as
 * {@code _manifest.json} (Spark ignores files starting with an underscore).
 *
 * <h2>Parquet layout of dynamics (wide format)</h2>
 * One row per example: {@code id}, {@code label} and a float column per observation and signal, named
 * {@code <signal>_t<t>_run<run>_epoch<epoch>_<kind>} ({@link dev.winnow.spark.WideLayout}, written by
 * {@link dev.winnow.spark.WideExport}); scores over it need no shuffle.
 *
 * <h2>Scores</h2>
 * {@link dev.winnow.spark.SparkScores}: el2n@E, grand@E, loss@E, entropy@E, least_confidence@E, margin@E,
 * forgetting, aum and cat@K, with the definitions and NaN rules of {@code dev.winnow.score}. Long layout: one
 * shuffle (hash on id) of the rows the score reads, a sort inside each partition by (id, run, t), then one
 * streaming pass that emits one (id, label, score) row per example. Wide layout: one pass over the rows.
 *
 * <h2>Selection</h2>
 * {@link dev.winnow.spark.SparkSelect}: hard, easy, window, random, stratified and calibrated, optionally
 * class-balanced, with the exact rules of DESIGN.md. The smallest random keys of a group (random, the bins
 * of stratified) are cut without sorting ({@link dev.winnow.spark.KeyCut}); ranks by score come from a
 * range-partitioned sort over a total order (score, random key unsigned, id) and per-partition counts. The
 * driver collects small aggregates (counts per partition, per class, per bin; min and max) and the rows
 * inside the key bands.
 *
 * <h2>Near-duplicates</h2>
 * {@link dev.winnow.spark.SparkDuplicates}: the core's near-duplicate groups (SemDeDup, Abbas et al. 2023)
 * from a store's {@code features.npy}: MLlib k-means partitions, every row also sent to each partition it could
 * link into (a hyperplane bound), the exact search inside each partition with the core's float kernel, and the
 * partitions' link forests joined on the driver; written by the core's writers, so the files are the same.
 */
package dev.winnow.spark;
