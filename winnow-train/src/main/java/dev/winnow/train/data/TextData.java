package dev.winnow.train.data;

import dev.winnow.WinnowException;
import dev.winnow.io.DelimitedReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text classification data: a TSV file with the header {@code sentence<TAB>label} (SST-2's GLUE layout;
 * the label is the last field, the sentence everything before it). Sentences are lower-cased and split
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
        Rows tr = read(train);
        Rows te = test == null ? null : read(test);
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
        Examples trainEx = examples(train, tr, vocab, classes, o.maxLength());
        Examples testEx = te == null ? Examples.tokens(new long[0], new int[0], new int[0][])
                : examples(test, te, vocab, classes, o.maxLength());
        String desc = String.format("text:%s%s (%d train, %d test, %d classes, vocabulary %d built on train with"
                        + " min-count %d, max-vocab %d; max-len %d)", train, test == null ? "" : ",test=" + test,
                trainEx.size(), testEx.size(), classes.size(), vocab.size() + 2, o.minCount(), o.maxVocabulary(), o.maxLength());
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

    private static Rows read(Path file) {
        try (DelimitedReader r = DelimitedReader.open(file, DelimitedReader.Format.TSV)) {
            if (r.header().size() < 2) {
                throw new WinnowException(file + ": the first line must be a header 'sentence<TAB>label'");
            }
            List<String> texts = new ArrayList<>();
            List<List<String>> tokens = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            for (DelimitedReader.Row row : r.rows()) {
                if (row.size() < 2) {
                    throw row.error("no TAB between sentence and label");
                }
                String label = row.field(row.size() - 1).trim();
                if (label.isEmpty()) {
                    throw row.error("empty label");
                }
                String sentence = String.join("\t", row.fields().subList(0, row.size() - 1));
                texts.add(sentence);
                tokens.add(tokenize(sentence));
                labels.add(label);
                lines.add(row.line());
            }
            if (labels.isEmpty()) {
                throw new WinnowException(file + ": no data rows");
            }
            return new Rows(texts, tokens, labels, lines);
        }
    }
}
