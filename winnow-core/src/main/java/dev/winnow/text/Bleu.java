package dev.winnow.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Corpus BLEU (Papineni et al. 2002) exactly as sacreBLEU computes it by default (Post 2018, "A Call for
 * Clarity in Reporting BLEU Scores"): one reference per sentence, n-grams of order 1 to 4 with counts clipped
 * by the reference's, statistics summed over the corpus before the precisions are taken, the brevity penalty
 * exp(1 − r/c) when the c hypothesis tokens are fewer than the r reference tokens, and the {@code exp}
 * smoothing of mteval-v13a (the k-th order with no match counts as 1/(2^k · total)). A corpus with no
 * matching unigram scores 0, as does one whose hypotheses have no n-grams of some order.
 *
 * <p>{@link Tokenizer#THIRTEEN_A} is sacreBLEU's default tokenizer ({@code 13a}); {@link Tokenizer#NONE} splits
 * on white space only ({@code --tokenize none}), for text that is already tokenised. Scores are on 0–100.
 */
public final class Bleu {
    /** The maximum n-gram order, sacreBLEU's default. */
    public static final int ORDER = 4;

    /** How sentences are split into tokens before n-grams are counted. */
    public enum Tokenizer {
        /** White space only ({@code sacrebleu --tokenize none}). */
        NONE,
        /** mteval-v13a, sacreBLEU's default: splits off punctuation, keeps decimal points and commas in numbers. */
        THIRTEEN_A
    }

    private static final Pattern SYMBOLS = Pattern.compile("([\\{-~\\[-` -&\\(-\\+:-@/])");
    private static final Pattern PERIOD_AFTER = Pattern.compile("([^0-9])([\\.,])");
    private static final Pattern PERIOD_BEFORE = Pattern.compile("([\\.,])([^0-9])");
    private static final Pattern DASH = Pattern.compile("([0-9])(-)");

    /**
     * The sufficient statistics and the score: matched and total n-grams of each order, hypothesis and
     * reference lengths, the brevity penalty and BLEU (0–100).
     */
    public record Result(long[] correct, long[] total, long hypothesisLength, long referenceLength,
                         double brevityPenalty, double score) {
        /** The (smoothed) precision of order {@code n} (1-based), in percent, as the score used it. */
        public double precision(int n) {
            return precisions(correct, total)[n - 1];
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "BLEU %.2f (BP %.3f, ratio %.3f, hyp %d, ref %d)", score,
                    brevityPenalty, referenceLength == 0 ? 0.0 : (double) hypothesisLength / referenceLength,
                    hypothesisLength, referenceLength);
        }
    }

    private Bleu() {
    }

    /** Corpus BLEU of {@code hypotheses} against one reference each, with sacreBLEU's default 13a tokenizer. */
    public static Result corpus(List<String> hypotheses, List<String> references) {
        return corpus(hypotheses, references, Tokenizer.THIRTEEN_A);
    }

    /** Corpus BLEU of {@code hypotheses} against one reference each, tokenised by {@code tokenizer}. */
    public static Result corpus(List<String> hypotheses, List<String> references, Tokenizer tokenizer) {
        if (hypotheses.size() != references.size()) {
            throw new IllegalArgumentException(hypotheses.size() + " hypotheses but " + references.size() + " references");
        }
        long[] correct = new long[ORDER];
        long[] total = new long[ORDER];
        long hypLen = 0;
        long refLen = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> h = tokenize(hypotheses.get(i), tokenizer);
            List<String> r = tokenize(references.get(i), tokenizer);
            hypLen += h.size();
            refLen += r.size();
            for (int n = 1; n <= ORDER; n++) {
                Map<List<String>, Integer> hc = ngrams(h, n);
                Map<List<String>, Integer> rc = ngrams(r, n);
                for (Map.Entry<List<String>, Integer> e : hc.entrySet()) {
                    correct[n - 1] += Math.min(e.getValue(), rc.getOrDefault(e.getKey(), 0));
                    total[n - 1] += e.getValue();
                }
            }
        }
        return fromStatistics(correct, total, hypLen, refLen);
    }

    /** The score from summed statistics, as sacreBLEU's {@code compute_bleu} with {@code exp} smoothing. */
    public static Result fromStatistics(long[] correct, long[] total, long hypLen, long refLen) {
        double bp = hypLen < refLen ? (hypLen > 0 ? Math.exp(1 - (double) refLen / hypLen) : 0.0) : 1.0;
        boolean anyMatch = false;
        for (long c : correct) {
            anyMatch |= c > 0;
        }
        double score = 0;
        if (anyMatch) {
            double[] p = precisions(correct, total);
            double logSum = 0;
            boolean zero = false;
            for (double v : p) {
                zero |= v == 0;
                logSum += v == 0 ? 0 : Math.log(v);
            }
            score = zero ? 0.0 : bp * Math.exp(logSum / ORDER);
        }
        return new Result(correct.clone(), total.clone(), hypLen, refLen, bp, score);
    }

    /** Precisions in percent; an order with no hypothesis n-gram (and every order after it) stays 0. */
    static double[] precisions(long[] correct, long[] total) {
        double[] p = new double[ORDER];
        double smooth = 1;
        for (int n = 0; n < ORDER; n++) {
            if (total[n] == 0) {
                break;
            }
            if (correct[n] == 0) {
                smooth *= 2;
                p[n] = 100.0 / (smooth * total[n]);
            } else {
                p[n] = 100.0 * correct[n] / total[n];
            }
        }
        return p;
    }

    /** The tokens of {@code line} under {@code tokenizer}. */
    public static List<String> tokenize(String line, Tokenizer tokenizer) {
        String s = line;
        if (tokenizer == Tokenizer.THIRTEEN_A) {
            s = s.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
            if (s.indexOf('&') >= 0) {
                s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
            }
            s = " " + s + " ";
            s = SYMBOLS.matcher(s).replaceAll(" $1 ");
            s = PERIOD_AFTER.matcher(s).replaceAll("$1 $2 ");
            s = PERIOD_BEFORE.matcher(s).replaceAll(" $1 $2");
            s = DASH.matcher(s).replaceAll("$1 $2 ");
        }
        List<String> out = new ArrayList<>();
        for (String t : s.strip().split("\\s+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> m = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            m.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return m;
    }
}
