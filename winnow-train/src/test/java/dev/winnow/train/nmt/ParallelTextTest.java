package dev.winnow.train.nmt;

import dev.winnow.WinnowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTextTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void specParsesTestPairAndOptions() {
        ParallelText.Spec s = ParallelText.Spec.parse("pairs:a.de,a.en,test=t.de,t.en,min-count=2,max-len=7,limit=100");
        assertEquals(Path.of("a.de"), s.source());
        assertEquals(Path.of("a.en"), s.target());
        assertEquals(Path.of("t.de"), s.testSource());
        assertEquals(Path.of("t.en"), s.testTarget());
        assertEquals(new ParallelText.Options(2, 7, 100), s.options());
        ParallelText.Spec d = ParallelText.Spec.parse("pairs:a.de,a.en");
        assertNull(d.testSource());
        assertEquals(new ParallelText.Options(1, 50, 0), d.options());
    }

    @Test
    void badSpecsAreOneLine() {
        for (String bad : new String[] {"pairs:a.de", "pairs:a.de,a.en,test=t.de", "pairs:a.de,a.en,foo=1",
            "pairs:a.de,a.en,max-len=0", "text:a.tsv"}) {
            WinnowException e = assertThrows(WinnowException.class, () -> ParallelText.Spec.parse(bad), bad);
            assertTrue(!e.getMessage().contains("\n") && e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void vocabularyIsBuiltOnTrainWithIdsByFrequencyThenWord() throws IOException {
        Path s = file("s", "b a a\nc b a\n");
        Path t = file("t", "x y\ny y z\n");
        Path ts = file("ts", "a q\n");
        Path tt = file("tt", "y w\n");
        ParallelText p = ParallelText.load("pairs:" + s + "," + t + ",test=" + ts + "," + tt + ",min-count=2");
        Vocabulary v = p.sourceVocabulary();
        // a ×3, b ×2, c ×1 (below min-count): ids 4, 5 after the four specials
        assertEquals(6, v.size());
        assertEquals(4, v.id("a"));
        assertEquals(5, v.id("b"));
        assertEquals(Vocabulary.UNK, v.id("c"));
        assertEquals(1, v.count("c"));
        assertArrayEquals(new int[] {5, 4, 4}, p.train().source()[0]);
        assertArrayEquals(new int[] {Vocabulary.UNK, 5, 4}, p.train().source()[1]);
        // target: y ×3 only survives min-count 2; the test split uses the training vocabulary (q, w unknown)
        assertArrayEquals(new int[] {4, Vocabulary.UNK}, p.test().source()[0]);
        assertArrayEquals(new int[] {4, Vocabulary.UNK}, p.test().target()[0]);
        assertEquals("y w", p.test().targetText()[0]);
        assertEquals("y", p.targetVocabulary().decode(new int[] {Vocabulary.BOS, 4, Vocabulary.EOS, 4}));
    }

    @Test
    void longSentencesAreTruncatedAndCounted() throws IOException {
        Path s = file("s", "a b c d e\na b\na b c d\n");
        Path t = file("t", "x\nx y z w\nx y\n");
        ParallelText p = ParallelText.load("pairs:" + s + "," + t + ",max-len=3");
        assertEquals(2, p.train().truncatedSource());
        assertEquals(1, p.train().truncatedTarget());
        assertEquals(3, p.train().source()[0].length);
        assertEquals("a b c d e", p.train().sourceText()[0]);
        assertTrue(p.description().contains("2 + 1 train"), p.description());
    }

    @Test
    void limitKeepsTheFirstLinesAndBuildsTheVocabularyOnThem() throws IOException {
        Path s = file("s", "a\nb\nc\n");
        Path t = file("t", "x\ny\nz\n");
        ParallelText p = ParallelText.load("pairs:" + s + "," + t + ",limit=2");
        assertEquals(2, p.train().size());
        assertEquals(Vocabulary.UNK, p.sourceVocabulary().id("c"));
    }

    @Test
    void differentLineCountsAreRefused() throws IOException {
        Path s = file("s", "a\nb\n");
        Path t = file("t", "x\n");
        WinnowException e = assertThrows(WinnowException.class, () -> ParallelText.load("pairs:" + s + "," + t));
        assertEquals(s + " has 2 lines but " + t + " has 1 (line i of one must translate line i of the other)", e.getMessage());
    }

    @Test
    void anEmptyLineOnOneSideIsRefusedWithItsLine() throws IOException {
        Path s = file("s", "a\n\nc\n");
        Path t = file("t", "x\ny\nz\n");
        WinnowException e = assertThrows(WinnowException.class, () -> ParallelText.load("pairs:" + s + "," + t));
        assertEquals(s + ":2: empty line (its pair in " + t + " has text)", e.getMessage());
    }

    @Test
    void aMissingTestFileIsRefused() throws IOException {
        Path s = file("s", "a\n");
        Path t = file("t", "x\n");
        Path missing = dir.resolve("nope.en");
        WinnowException e = assertThrows(WinnowException.class,
                () -> ParallelText.load("pairs:" + s + "," + t + ",test=" + s + "," + missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }
}
