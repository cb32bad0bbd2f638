package dev.winnow.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BleuTest {
    private static final double EPS = 1e-9;

    @Test
    void identicalSentenceScoresOneHundred() {
        Bleu.Result r = Bleu.corpus(List.of("the cat sat on the mat"), List.of("the cat sat on the mat"));
        assertEquals(100.0, r.score(), EPS);
        assertEquals(1.0, r.brevityPenalty(), EPS);
    }

    @Test
    void oneWrongWordWorkedByHand() {
        // hyp: the cat sat on a mat / ref: the cat sat on the mat
        // 1-grams 5/6 (a unmatched), 2-grams 3/5 (the cat, cat sat, sat on), 3-grams 2/4, 4-grams 1/3; BP 1
        Bleu.Result r = Bleu.corpus(List.of("the cat sat on a mat"), List.of("the cat sat on the mat"));
        assertArrayEquals(new long[] {5, 3, 2, 1}, r.correct());
        assertArrayEquals(new long[] {6, 5, 4, 3}, r.total());
        assertEquals(100 * Math.pow(5.0 / 6 * 3.0 / 5 * 2.0 / 4 * 1.0 / 3, 0.25), r.score(), EPS);
    }

    @Test
    void shortHypothesisPaysBrevityAndZeroOrderIsSmoothed() {
        // hyp: the cat sat down (c = 4) / ref: the cat sat on the mat (r = 6)
        // 1-grams 3/4, 2-grams 2/3, 3-grams 1/2, 4-grams 0/1 → exp smoothing: 1 / (2 · 1)
        Bleu.Result r = Bleu.corpus(List.of("the cat sat down"), List.of("the cat sat on the mat"));
        double bp = Math.exp(1 - 6.0 / 4);
        assertEquals(bp, r.brevityPenalty(), EPS);
        assertEquals(50.0, r.precision(4), EPS);
        assertEquals(100 * bp * Math.pow(3.0 / 4 * 2.0 / 3 * 1.0 / 2 * 1.0 / 2, 0.25), r.score(), EPS);
    }

    @Test
    void twoSmoothedOrdersHalveTwice() {
        // hyp: a b x c / ref: a b y c → 1-grams 3/4, 2-grams 1/3, 3-grams 0/2 → 1/(2·2), 4-grams 0/1 → 1/(4·1)
        Bleu.Result r = Bleu.corpus(List.of("a b x c"), List.of("a b y c"));
        assertEquals(100.0 / 4, r.precision(3), EPS);
        assertEquals(100.0 / 4, r.precision(4), EPS);
        assertEquals(100 * Math.pow(3.0 / 4 * 1.0 / 3 * 1.0 / 4 * 1.0 / 4, 0.25), r.score(), EPS);
    }

    @Test
    void statisticsAreSummedOverTheCorpusNotAveraged() {
        // sentence 1 as in oneWrongWordWorkedByHand, sentence 2 exact (4 tokens): 9/10, 6/8, 4/6, 2/4
        Bleu.Result r = Bleu.corpus(List.of("the cat sat on a mat", "a dog runs ."),
                List.of("the cat sat on the mat", "a dog runs ."), Bleu.Tokenizer.NONE);
        assertArrayEquals(new long[] {9, 6, 4, 2}, r.correct());
        assertEquals(100 * Math.pow(9.0 / 10 * 6.0 / 8 * 4.0 / 6 * 2.0 / 4, 0.25), r.score(), EPS);
    }

    @Test
    void hypothesisWithoutTrigramsOrWithoutMatchesScoresZero() {
        assertEquals(0.0, Bleu.corpus(List.of("the cat"), List.of("the cat sat on the mat")).score(), EPS);
        assertEquals(0.0, Bleu.corpus(List.of("x y z w"), List.of("a b c d")).score(), EPS);
        assertEquals(0.0, Bleu.corpus(List.of(""), List.of("a b c d")).score(), EPS);
    }

    @Test
    void clippedCountsNeverExceedTheReference() {
        // hyp: the the the the / ref: the cat → 1-grams clipped to 1/4; no 2-gram matches, BP 1 (4 ≥ 2)
        Bleu.Result r = Bleu.corpus(List.of("the the the the"), List.of("the cat"));
        assertArrayEquals(new long[] {1, 0, 0, 0}, r.correct());
        assertEquals(100 * Math.pow(1.0 / 4 * 1.0 / (2 * 3) * 1.0 / (4 * 2) * 1.0 / (8 * 1), 0.25), r.score(), EPS);
    }

    @Test
    void thirteenATokenizerSplitsPunctuationButNotNumbers() {
        assertEquals(List.of("hello", ",", "world", "."), Bleu.tokenize("hello, world.", Bleu.Tokenizer.THIRTEEN_A));
        assertEquals(List.of("3.5", "km", ",", "1,000"), Bleu.tokenize("3.5 km, 1,000", Bleu.Tokenizer.THIRTEEN_A));
        assertEquals(List.of("1", "-", "2", "\"", "a", "\""),
                Bleu.tokenize("1-2 &quot;a&quot;", Bleu.Tokenizer.THIRTEEN_A));
        assertEquals(List.of("hello,", "world."), Bleu.tokenize(" hello,  world. ", Bleu.Tokenizer.NONE));
        // on tokenised text the two tokenizers agree
        String tok = "a man in an orange hat , smiling .";
        assertEquals(Bleu.tokenize(tok, Bleu.Tokenizer.NONE), Bleu.tokenize(tok, Bleu.Tokenizer.THIRTEEN_A));
    }

    @Test
    void differentCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Bleu.corpus(List.of("a"), List.of("a", "b")));
    }
}
