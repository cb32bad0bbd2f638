package dev.winnow.train.nmt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words of one language of a parallel corpus, built on the training split: id 0 is padding, 1 the unknown
 * word, 2 the start and 3 the end of a sentence, then every word seen at least {@code minCount} times, the most
 * frequent first (ties by word, so the same corpus always gives the same ids).
 */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int UNK = 1;
    public static final int BOS = 2;
    public static final int EOS = 3;
    private static final List<String> SPECIALS = List.of("<pad>", "<unk>", "<s>", "</s>");

    private final List<String> words;
    private final Map<String, Integer> index;
    private final Map<String, Integer> counts;

    private Vocabulary(List<String> words, Map<String, Integer> counts) {
        this.words = List.copyOf(words);
        this.counts = Map.copyOf(counts);
        this.index = new HashMap<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            index.put(words.get(i), i);
        }
    }

    /** The vocabulary of {@code sentences} (each a list of tokens): words seen at least {@code minCount} times. */
    public static Vocabulary build(List<String[]> sentences, int minCount) {
        Map<String, Integer> counts = new HashMap<>();
        for (String[] s : sentences) {
            for (String w : s) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>(counts.entrySet());
        kept.removeIf(e -> e.getValue() < minCount || SPECIALS.contains(e.getKey()));
        kept.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> words = new ArrayList<>(SPECIALS);
        for (Map.Entry<String, Integer> e : kept) {
            words.add(e.getKey());
        }
        return new Vocabulary(words, counts);
    }

    /** The number of ids, specials included. */
    public int size() {
        return words.size();
    }

    /** The id of {@code word}, or {@link #UNK}. */
    public int id(String word) {
        return index.getOrDefault(word, UNK);
    }

    /** The word of {@code id}. */
    public String word(int id) {
        return words.get(id);
    }

    /** How often {@code word} occurs in the training split (0 when never). */
    public int count(String word) {
        return counts.getOrDefault(word, 0);
    }

    /** The words of {@code ids} up to the first end of sentence, joined by single spaces (padding and start skipped). */
    public String decode(int[] ids) {
        StringBuilder b = new StringBuilder();
        for (int id : ids) {
            if (id == EOS) {
                break;
            }
            if (id == PAD || id == BOS) {
                continue;
            }
            b.append(b.length() == 0 ? "" : " ").append(words.get(id));
        }
        return b.toString();
    }
}
