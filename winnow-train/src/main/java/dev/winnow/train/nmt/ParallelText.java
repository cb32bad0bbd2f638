package dev.winnow.train.nmt;

import dev.winnow.WinnowException;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parallel corpus for translation: {@code pairs:SRC,TGT[,test=SRC,TGT][,min-count=N][,max-len=N]}, one
 * sentence per line, tokens separated by spaces (text already tokenised, as Multi30k's {@code *.lc.norm.tok.*}),
 * line i of the source file the translation of line i of the target file. The ids of the pairs are their
 * 0-based line numbers; {@code limit=N} keeps the first N training pairs. Both vocabularies are built on the
 * training pairs kept ({@link Vocabulary}); a sentence
 * longer than {@code max-len} tokens keeps its first {@code max-len} and is counted in
 * {@link Split#truncatedSource()} / {@link Split#truncatedTarget()}, never silently.
 *
 * <p>Refused, with one line naming the file: a missing file, files of different line counts, an empty line on
 * either side.
 */
public final class ParallelText {
    /** The spec forms, for help texts. */
    public static final String SPEC = "pairs:SRC,TGT[,test=SRC,TGT][,min-count=N][,max-len=N][,limit=N]";

    /**
     * Words seen fewer times are unknown; sentences keep at most {@code maxLength} tokens; only the first
     * {@code limit} training pairs are read (0 = all).
     */
    public record Options(int minCount, int maxLength, int limit) {
        public Options {
            if (minCount < 1 || maxLength < 1 || limit < 0) {
                throw new IllegalArgumentException("min-count and max-len must be positive, limit not negative");
            }
        }
    }

    /** A parsed {@code pairs:} spec; {@code testSource} and {@code testTarget} are both null or both set. */
    public record Spec(Path source, Path target, Path testSource, Path testTarget, Options options) {
        /** Parses {@code pairs:SRC,TGT[,test=SRC,TGT][,min-count=N][,max-len=N][,limit=N]} (defaults: 1, 50, all). */
        public static Spec parse(String spec) {
            if (spec == null || !spec.startsWith("pairs:")) {
                throw new WinnowException("--data '" + spec + "': expected " + SPEC);
            }
            String[] parts = spec.substring("pairs:".length()).split(",", -1);
            if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank() || parts[1].contains("=")) {
                throw new WinnowException("--data '" + spec + "': name the source and the target file (" + SPEC + ")");
            }
            Path testSrc = null;
            Path testTgt = null;
            int minCount = 1;
            int maxLen = 50;
            int limit = 0;
            for (int i = 2; i < parts.length; i++) {
                String p = parts[i].strip();
                int eq = p.indexOf('=');
                String key = eq < 0 ? p : p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : p.substring(eq + 1).strip();
                switch (key) {
                    case "test" -> {
                        if (value.isEmpty() || i + 1 >= parts.length || parts[i + 1].contains("=") || parts[i + 1].isBlank()) {
                            throw new WinnowException("--data '" + spec + "': test= takes two files, test=SRC,TGT");
                        }
                        testSrc = Path.of(value);
                        testTgt = Path.of(parts[++i].strip());
                    }
                    case "min-count" -> minCount = positive(spec, key, value);
                    case "max-len" -> maxLen = positive(spec, key, value);
                    case "limit" -> limit = positive(spec, key, value);
                    default -> throw new WinnowException("--data '" + spec + "': unknown option '" + p
                            + "' (allowed: test=SRC,TGT, min-count=N, max-len=N, limit=N)");
                }
            }
            return new Spec(Path.of(parts[0].strip()), Path.of(parts[1].strip()), testSrc, testTgt,
                    new Options(minCount, maxLen, limit));
        }

        private static int positive(String spec, String key, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new WinnowException("--data '" + spec + "': " + key + " must be a positive integer, got '" + v + "'");
        }
    }

    /**
     * One split: the sentences as written, their token ids (at most max-len each, no start or end marks) and
     * how many sentences of each side were cut to max-len.
     */
    public record Split(String[] sourceText, String[] targetText, int[][] source, int[][] target,
                        int truncatedSource, int truncatedTarget) {
        public int size() {
            return source.length;
        }
    }

    private final Spec spec;
    private final Vocabulary sourceVocabulary;
    private final Vocabulary targetVocabulary;
    private final Split train;
    private final Split test;

    private ParallelText(Spec spec, Vocabulary sv, Vocabulary tv, Split train, Split test) {
        this.spec = spec;
        this.sourceVocabulary = sv;
        this.targetVocabulary = tv;
        this.train = train;
        this.test = test;
    }

    /** Loads the corpus of a {@code pairs:} spec. */
    public static ParallelText load(String spec) {
        return load(Spec.parse(spec));
    }

    /** Loads the corpus of {@code spec}. */
    public static ParallelText load(Spec spec) {
        List<String[]> src = tokens(spec.source());
        List<String[]> tgt = tokens(spec.target());
        requirePaired(spec.source(), src, spec.target(), tgt);
        int limit = spec.options().limit();
        if (limit > 0 && limit < src.size()) {
            src = src.subList(0, limit);
            tgt = tgt.subList(0, limit);
        }
        Vocabulary sv = Vocabulary.build(src, spec.options().minCount());
        Vocabulary tv = Vocabulary.build(tgt, spec.options().minCount());
        int max = spec.options().maxLength();
        Split train = split(src, tgt, sv, tv, max);
        Split test;
        if (spec.testSource() != null) {
            List<String[]> ts = tokens(spec.testSource());
            List<String[]> tt = tokens(spec.testTarget());
            requirePaired(spec.testSource(), ts, spec.testTarget(), tt);
            test = split(ts, tt, sv, tv, max);
        } else {
            test = split(List.of(), List.of(), sv, tv, max);
        }
        return new ParallelText(spec, sv, tv, train, test);
    }

    public Spec spec() {
        return spec;
    }

    public Vocabulary sourceVocabulary() {
        return sourceVocabulary;
    }

    public Vocabulary targetVocabulary() {
        return targetVocabulary;
    }

    public Split train() {
        return train;
    }

    public Split test() {
        return test;
    }

    /** One line for logs and reports: sizes, vocabularies and the truncation counts. */
    public String description() {
        return String.format(Locale.ROOT, "pairs %s → %s: %d train%s, %d test pairs; vocabularies %d / %d (min-count %d,"
                        + " built on train); max-len %d: %d + %d train and %d + %d test sentences truncated (source + target)",
                spec.source().getFileName(), spec.target().getFileName(), train.size(),
                spec.options().limit() > 0 ? " (the first " + spec.options().limit() + " lines)" : "", test.size(),
                sourceVocabulary.size(), targetVocabulary.size(), spec.options().minCount(), spec.options().maxLength(),
                train.truncatedSource(), train.truncatedTarget(), test.truncatedSource(), test.truncatedTarget());
    }

    private static Split split(List<String[]> src, List<String[]> tgt, Vocabulary sv, Vocabulary tv, int max) {
        int n = src.size();
        String[] st = new String[n];
        String[] tt = new String[n];
        int[][] s = new int[n][];
        int[][] t = new int[n][];
        int cutS = 0;
        int cutT = 0;
        for (int i = 0; i < n; i++) {
            st[i] = String.join(" ", src.get(i));
            tt[i] = String.join(" ", tgt.get(i));
            s[i] = encode(src.get(i), sv, max);
            t[i] = encode(tgt.get(i), tv, max);
            cutS += src.get(i).length > max ? 1 : 0;
            cutT += tgt.get(i).length > max ? 1 : 0;
        }
        return new Split(st, tt, s, t, cutS, cutT);
    }

    private static int[] encode(String[] words, Vocabulary v, int max) {
        int[] ids = new int[Math.min(words.length, max)];
        for (int j = 0; j < ids.length; j++) {
            ids[j] = v.id(words[j]);
        }
        return ids;
    }

    private static void requirePaired(Path a, List<String[]> as, Path b, List<String[]> bs) {
        if (as.size() != bs.size()) {
            throw new WinnowException(a + " has " + as.size() + " lines but " + b + " has " + bs.size()
                    + " (line i of one must translate line i of the other)");
        }
        for (int i = 0; i < as.size(); i++) {
            boolean ea = as.get(i).length == 0;
            boolean eb = bs.get(i).length == 0;
            if (ea || eb) {
                throw new WinnowException((ea ? a : b) + ":" + (i + 1) + ": empty line"
                        + (ea && eb ? " on both sides" : " (its pair in " + (ea ? b : a) + " has text)"));
            }
        }
    }

    private static List<String[]> tokens(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new WinnowException(file + ": no such file");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new WinnowException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new WinnowException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<String[]> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            String s = line.strip();
            out.add(s.isEmpty() ? new String[0] : s.split("\\s+"));
        }
        return out;
    }
}
