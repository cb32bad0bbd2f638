/**
 * Per-example scores from a dynamics store, one convention: higher = harder. EL2N and GraNd (Paul et al.
 * 2021), forgetting events (Toneva et al. 2019), the area under the margin (Pleiss et al. 2020), variance of
 * gradients (Agarwal et al. 2022), CAT's perplexity variance (Chimoto et al. 2024), influence (Koh &amp; Liang
 * 2017) and DEALRec (Lin et al. 2024), uncertainty baselines and the user's own column.
 *
 * <p>Name a score with {@link dev.winnow.score.ScoreSpec#parse} ({@code el2n@10}) and build it with
 * {@link dev.winnow.score.ScoreSpec#create}; {@link dev.winnow.score.Scores} holds the catalogue. A new score
 * is one small class on {@code RunAveragedScore} (read run by run from one signal) or {@code AbstractScore},
 * plus its line in the catalogue.
 */
package dev.winnow.score;
