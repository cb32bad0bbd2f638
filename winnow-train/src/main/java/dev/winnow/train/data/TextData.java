package dev.winnow.train.data;

import dev.winnow.WinnowException;
import dev.winnow.io.DelimitedReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text classification data: a TSV file, {@code sentence<TAB>label} (SST-2's GLUE layout), read as
 * {@link ReadOptions} say: a header line declared or detected (line 1 is taken for a header when one of its
 * fields is {@code sentence}, {@code text} or {@code label}, or when its label is no other row's label, and
 * the decision is printed), the text and label columns named or numbered (by default the header's
 * {@code sentence}/{@code text} and {@code label} columns, else the last field is the label and the text
 * everything before it), fields quoted by RFC 4180 rules with TAB as the delimiter (strictly: a stray quote
 * stops the run at its line, {@code quote=no} reads quotes as ordinary characters), blank lines skipped and
 * counted, and a row that cannot be read stopping the run at its line or, when skipping, counted. Sentences are lower-cased and split
 * into words, numbers and single punctuation marks. The vocabulary is built on the training split only:
 * words seen at least {@code minCount} times, the {@code maxVocabulary} most frequent (ties by word);
 * id 0 is padding, 1 the unknown word. A sentence keeps its first {@code maxLength} tokens; the examples
 * also keep each sentence as written ({@link Examples#text}), so nothing reads the file a second time.
 */
public final class TextData {
    public static final int PAD = 0;
    public static final int UNK = 1;
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}]+)?|'[\\p{L}]+|[^\\s\\p{L}\\p{N}]");

    public record Options(int minCount, int maxVocabulary, int maxLength) {
        public Options {
            if (minCount < 1 || maxVocabulary < 1 || maxLength < 1) {
                throw new IllegalArgumentException("text options must be positive");
            }
        }
    }

    private TextData() {
    }

    /** Lower-cases and splits a sentence into tokens. */
    public static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s.toLowerCase(java.util.Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** The rows of one split: each sentence as written, its tokens, its label and its line in the file. */
    private record Rows(List<String> texts, List<List<String>> tokens, List<String> labels, List<Integer> lines) {
    }

    public static DataBundle load(Path train, Path test, Options o) {
        return load(train, test, o, ReadOptions.DEFAULT);
    }

    /** Loads a training file and an optional test file (null) read as {@code r} says. */
    public static DataBundle load(Path train, Path test, Options o, ReadOptions r) {
        DelimitedReader.Format format = DelimitedReader.Format.TSV.withQuoting(r.quoting()).withStrictQuotes();
        TableFile trainFile = TableFile.read(train, format, r.skipBadRows());
        TableFile testFile = test == null ? null : TableFile.read(test, format, r.skipBadRows());
        decideHeaders(r, trainFile, testFile);
        Rows tr = read(trainFile, r);
        Rows te = testFile == null ? null : read(testFile, r);
        String notes = TableFile.report(trainFile, testFile);
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> t : tr.tokens()) {
            for (String w : t) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> words = new ArrayList<>(counts.entrySet());
        words.removeIf(e -> e.getValue() < o.minCount());
        words.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> vocab = new HashMap<>();
        for (int i = 0; i < Math.min(words.size(), o.maxVocabulary()); i++) {
            vocab.put(words.get(i).getKey(), i + 2);
        }
        LabelClasses classes = LabelClasses.of(tr.labels());
        if (classes.size() < 2) {
            throw new WinnowException(train + ": needs at least two classes, found " + classes.size());
        }
        Examples trainEx = examples(train, tr, vocab, classes, o.maxLength());
        Examples testEx = te == null ? Examples.tokens(new long[0], new int[0], new int[0][])
                : examples(test, te, vocab, classes, o.maxLength());
        String desc = String.format("text:%s%s (%d train, %d test, %d classes, vocabulary %d built on train with"
                        + " min-count %d, max-vocab %d; max-len %d)", train, test == null ? "" : ",test=" + test,
                trainEx.size(), testEx.size(), classes.size(), vocab.size() + 2, o.minCount(), o.maxVocabulary(), o.maxLength())
                + notes;
        return new DataBundle("text:" + train.getFileName(), desc, trainEx, testEx, classes.size(), classes.names(),
                vocab.size() + 2);
    }

    private static Examples examples(Path file, Rows rows, Map<String, Integer> vocab, LabelClasses classes,
                                     int maxLength) {
        int n = rows.labels().size();
        long[] ids = new long[n];
        int[] labels = new int[n];
        int[][] tokens = new int[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            labels[i] = classes.classOf(rows.labels().get(i), file, rows.lines().get(i));
            List<String> t = rows.tokens().get(i);
            int len = Math.max(1, Math.min(t.size(), maxLength));
            int[] row = new int[len];
            row[0] = UNK;
            for (int j = 0; j < Math.min(t.size(), maxLength); j++) {
                row[j] = vocab.getOrDefault(t.get(j), UNK);
            }
            tokens[i] = row;
        }
        return Examples.tokens(ids, labels, tokens, rows.texts().toArray(new String[0]));
    }

    /** The columns of one file: the label's and the text's index, −1 for "the last field" and "all the others". */
    private record Columns(int label, int text) {
    }

    private static Columns columns(TableFile f, ReadOptions r) {
        List<String> header = f.header();
        int label = r.label() != null ? r.label().index(header, f.file())
                : header != null && header.contains("label") ? header.indexOf("label") : -1;
        int text = r.text() != null ? r.text().index(header, f.file())
                : header != null && header.contains("sentence") ? header.indexOf("sentence")
                : header != null && header.contains("text") ? header.indexOf("text") : -1;
        if (text >= 0 && text == label) {
            throw new WinnowException(f.file() + ": the text and the label column are the same");
        }
        return new Columns(label, text);
    }

    /** Line 1 of a text file is a header when a field names a column, or its label is no other row's label. */
    private static void decideHeaders(ReadOptions r, TableFile... files) {
        Set<String> others = new HashSet<>();
        for (TableFile f : files) {
            if (f != null) {
                for (DelimitedReader.Row row : f.rest()) {
                    others.add(guessLabel(row, r));
                }
            }
        }
        for (TableFile f : files) {
            if (f != null) {
                f.decide(r.header(), r.namesColumns(), row -> row.fields().stream().map(s -> s.strip().toLowerCase(Locale.ROOT))
                                .anyMatch(HEADER_WORDS::contains) || !others.contains(guessLabel(row, r)),
                        "a field is 'sentence', 'text' or 'label', or its label is no other row's label");
            }
        }
    }

    private static final Set<String> HEADER_WORDS = Set.of("sentence", "text", "label");

    private static String guessLabel(DelimitedReader.Row row, ReadOptions r) {
        int i = r.label() != null && !r.label().named() ? r.label().number() - 1 : row.size() - 1;
        return i < row.size() ? row.field(i).strip() : "";
    }

    private static Rows read(TableFile f, ReadOptions r) {
        Columns c = columns(f, r);
        List<String> texts = new ArrayList<>();
        List<List<String>> tokens = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (DelimitedReader.Row row : f.data()) {
            String label;
            String sentence;
            try {
                if (row.size() < 2) {
                    throw row.error("no TAB between text and label");
                }
                int li = c.label() < 0 ? row.size() - 1 : c.label();
                label = row.field(li).strip();
                if (label.isEmpty()) {
                    throw row.error("empty label");
                }
                if (c.text() >= 0) {
                    sentence = row.field(c.text());
                } else {
                    List<String> rest = new ArrayList<>(row.fields());
                    rest.remove(li);
                    sentence = String.join("\t", rest);
                }
            } catch (WinnowException e) {
                f.bad().reject(row.line(), e);
                continue;
            }
            texts.add(sentence);
            tokens.add(tokenize(sentence));
            labels.add(label);
            lines.add(row.line());
        }
        if (labels.isEmpty()) {
            throw new WinnowException(f.file() + ": no data rows" + (f.bad().count() > 0 ? " (every row was bad)" : ""));
        }
        return new Rows(texts, tokens, labels, lines);
    }
}
