package dev.winnow.study.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code examples.json} of a study folder: the pixels or text of the training examples each score ranks
 * hardest and easiest (first seed with scores), so that the report can show them without the dataset.
 * Unknown fields are ignored, as in {@link RunRecord}. The runner writes it with {@link #write}, the report
 * reads it with {@link #read}.
 *
 * @param seed       the seed whose scores picked the examples (and whose labels were flipped)
 * @param data       the dataset spec
 * @param classNames names of the classes (may be empty: the report then shows class numbers)
 * @param kind       {@code image}, {@code text}, or {@code none} (nothing to show)
 * @param shape      {@code [height, width]} of the grayscale images, or {@code null}
 * @param examples   example id → example, in the order given (absent from the file when empty)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtremeExamples(long seed, String data, List<String> classNames, String kind, List<Integer> shape,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<Long, Example> examples) {

    /** Examples kept per extreme of each score (the hardest and the easiest): the size of the report's grids. */
    public static final int PER_EXTREME = 24;

    public ExtremeExamples {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        kind = kind == null ? "" : kind;
        shape = shape == null ? null : List.copyOf(shape);
        examples = examples == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(examples));
    }

    /**
     * One example.
     *
     * @param label      its true class
     * @param trainLabel the class it was trained with (differs where its label was flipped; absent = label)
     * @param pixels     base64 of its pixels, one byte each (intensity in [0, 1] × 255), row-major (images only)
     * @param text       its text (text only)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Example(int label, Integer trainLabel, String pixels, String text) {
        public Example {
            trainLabel = trainLabel == null ? label : trainLabel;
        }

        /** Whether its training label was flipped. */
        public boolean flipped() {
            return label != trainLabel;
        }

        /** Its pixels, one byte each, row-major. */
        public byte[] pixelBytes() {
            return Base64.getDecoder().decode(pixels);
        }
    }

    /** Reads {@code file}. */
    public static ExtremeExamples read(Path file) {
        return FolderJson.read(file, ExtremeExamples.class);
    }

    /** Writes {@code file} atomically, on one line. */
    public void write(Path file) {
        FolderJson.writeCompact(file, this);
    }

    /** Image height; 28 when the file gives no shape. */
    public int height() {
        return shape != null && shape.size() > 0 ? shape.get(0) : 28;
    }

    /** Image width; see {@link #height}. */
    public int width() {
        return shape != null && shape.size() > 1 ? shape.get(1) : 28;
    }

    /** The name of class {@code c}, or its number where the file names none. */
    public String className(int c) {
        return c >= 0 && c < classNames.size() ? classNames.get(c) : Integer.toString(c);
    }

    /** The example with {@code id}, or {@code null} when the file does not hold it. */
    public Example example(long id) {
        return examples.get(id);
    }
}
