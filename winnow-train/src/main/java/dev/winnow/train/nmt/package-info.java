/**
 * Pruning for machine translation, where Checkpoints Across Time was made (Chimoto et al. 2024): parallel text
 * ({@link dev.winnow.train.nmt.ParallelText}, the {@code pairs:} spec), a small attentional GRU encoder–decoder
 * ({@link dev.winnow.train.nmt.Seq2SeqNet}, Luong et al. 2015) trained with teacher forcing under the core's
 * epoch policies ({@link dev.winnow.train.nmt.Seq2SeqTrainer}), whose per-pair loss goes to a loss-only
 * dynamics store, test BLEU as sacreBLEU computes it ({@link dev.winnow.text.Bleu}), and a study that judges
 * {@code cat@K} against random, longest-first, a quality filter and dynamic policies by BLEU with every cost
 * counted ({@link dev.winnow.train.nmt.TranslationStudy}, {@link dev.winnow.train.nmt.TranslationReport}).
 */
package dev.winnow.train.nmt;
