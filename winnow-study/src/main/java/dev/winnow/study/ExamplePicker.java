package dev.winnow.study;

import dev.winnow.study.results.ExtremeExamples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the examples the report shows: for every score of a seed, the {@link ExtremeExamples#PER_EXTREME} it
 * ranks hardest and easiest, with their pixels (images) or text, so that {@code winnow report} draws them from
 * the study folder alone, without the dataset.
 */
final class ExamplePicker {
    private ExamplePicker() {
    }

    /** The extremes of {@code scores} (index order over {@code data}) of the seed whose training labels are given. */
    static ExtremeExamples of(StudyData data, long seed, int[] trainLabels, Iterable<float[]> scores) {
        int[] shape = data.imageShape();
        boolean text = shape == null && data.size() > 0 && data.text(0) != null;
        String kind = shape != null ? "image" : text ? "text" : "none";
        List<Integer> shapeList = shape == null ? null : List.of(shape[0], shape[1]);
        if (shape == null && !text) {
            return new ExtremeExamples(seed, data.name(), data.classNames(), kind, null, null);
        }
        Set<Integer> wanted = new LinkedHashSet<>();
        for (float[] s : scores) {
            Integer[] order = new Integer[s.length];
            for (int i = 0; i < s.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(s[b], s[a]));
            for (int j = 0; j < Math.min(ExtremeExamples.PER_EXTREME, s.length); j++) {
                wanted.add(order[j]);
                wanted.add(order[s.length - 1 - j]);
            }
        }
        List<Integer> sorted = new ArrayList<>(wanted);
        sorted.sort(null);
        int[] clean = data.labels();
        long[] ids = data.ids();
        Map<Long, ExtremeExamples.Example> examples = new LinkedHashMap<>();
        for (int i : sorted) {
            examples.put(ids[i], new ExtremeExamples.Example(clean[i], trainLabels[i],
                    shape != null ? pixels(data.image(i)) : null, shape != null ? null : data.text(i)));
        }
        return new ExtremeExamples(seed, data.name(), data.classNames(), kind, shapeList, examples);
    }

    /**
     * A sheet of the examples {@code shown} (index over {@code data} → {label, shown label}; a shown label that
     * differs is drawn as flipped: red frame, "label→shown"), for pages other than the study report.
     */
    static ExtremeExamples sheet(StudyData data, Map<Integer, int[]> shown) {
        int[] shape = data.imageShape();
        boolean text = shape == null && data.size() > 0 && data.text(0) != null;
        String kind = shape != null ? "image" : text ? "text" : "none";
        List<Integer> shapeList = shape == null ? null : List.of(shape[0], shape[1]);
        Map<Long, ExtremeExamples.Example> examples = new LinkedHashMap<>();
        if (shape != null || text) {
            for (Map.Entry<Integer, int[]> e : shown.entrySet()) {
                int i = e.getKey();
                examples.put(data.ids()[i], new ExtremeExamples.Example(e.getValue()[0], e.getValue()[1],
                        shape != null ? pixels(data.image(i)) : null, shape != null ? null : data.text(i)));
            }
        }
        return new ExtremeExamples(0, data.name(), data.classNames(), kind, shapeList, examples);
    }

    /** Intensities in [0, 1] as one byte each (× 255, rounded), base64. */
    private static String pixels(float[] px) {
        byte[] b = new byte[px.length];
        for (int p = 0; p < px.length; p++) {
            b[p] = (byte) Math.round(Math.max(0, Math.min(1, px[p])) * 255);
        }
        return Base64.getEncoder().encodeToString(b);
    }
}
