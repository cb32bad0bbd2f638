package dev.winnow.train.nmt;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a set of training pairs looks like, to compare what a method keeps with what it drops (CAT favours
 * longer sentences with rare words; Chimoto et al. 2024): the number of pairs, their mean source and target
 * lengths, the mean share of their tokens (both sides) that are rare (seen at most {@value #RARE} times in the
 * training split of their language) and the share of pairs with at least one rare token.
 */
public record PairStats(int pairs, double sourceLength, double targetLength, double rareTokenRate, double withRare) {
    /** A word seen at most this often in training is rare. */
    public static final int RARE = 5;

    /** The statistics of the pairs with {@code in[i] == which}. */
    public static PairStats of(ParallelText data, boolean[] in, boolean which) {
        ParallelText.Split s = data.train();
        int count = 0;
        double src = 0;
        double tgt = 0;
        double rate = 0;
        int with = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] != which) {
                continue;
            }
            String[] a = s.sourceText()[i].split(" ");
            String[] b = s.targetText()[i].split(" ");
            int rare = 0;
            for (String w : a) {
                rare += data.sourceVocabulary().count(w) <= RARE ? 1 : 0;
            }
            for (String w : b) {
                rare += data.targetVocabulary().count(w) <= RARE ? 1 : 0;
            }
            count++;
            src += a.length;
            tgt += b.length;
            rate += (double) rare / (a.length + b.length);
            with += rare > 0 ? 1 : 0;
        }
        return count == 0 ? new PairStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                : new PairStats(count, src / count, tgt / count, rate / count, (double) with / count);
    }

    ObjectNode toJson() {
        return TranslationStudy.JSON.createObjectNode().put("pairs", pairs).put("source_length", sourceLength)
                .put("target_length", targetLength).put("rare_token_rate", rareTokenRate).put("with_rare", withRare);
    }
}
