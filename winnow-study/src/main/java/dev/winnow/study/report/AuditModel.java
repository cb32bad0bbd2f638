package dev.winnow.study.report;

import dev.winnow.quality.DataMap;
import dev.winnow.study.results.ExtremeExamples;

import java.util.List;

/**
 * What {@code audit.html} shows, computed before anything is drawn: the label issues confident learning
 * flagged, the near-duplicate groups, the outliers, the class balance and the data map of one dynamics store,
 * with the pixels or text of the examples shown where the data were given.
 *
 * @param title           the page title
 * @param source          the store's folder, as the footer names it
 * @param probabilities   which probabilities confident learning read, in words
 * @param classNames      the names of the classes (empty: numbers)
 * @param classCounts     examples per given label
 * @param estimatedIssues confident learning's estimate of the number of label issues
 * @param issues          the flagged examples, most likely issue first (all of them)
 * @param calibrated      the calibrated confident joint [given][suggested]
 * @param duplicates      the duplicate section, or {@code null} with {@code duplicatesNote} saying why not
 * @param duplicatesNote  why there are no duplicate groups or outliers ({@code null} when there are)
 * @param outliers        the examples farthest from their class centre, farthest first
 * @param dataMap         the data map, or {@code null} with {@code dataMapNote} saying why not
 * @param dataMapNote     why there is no data map ({@code null} when there is)
 * @param ids             the store's ids (index order), for the data map's sample
 * @param sheet           pixels or text of the examples shown ({@code null}: ids only)
 */
public record AuditModel(String title, String source, String probabilities, List<String> classNames,
                         long[] classCounts, long estimatedIssues, List<Issue> issues, long[][] calibrated,
                         Duplicates duplicates, String duplicatesNote, List<Outlier> outliers, DataMap dataMap,
                         String dataMapNote, long[] ids, ExtremeExamples sheet) {
    public AuditModel {
        classNames = List.copyOf(classNames);
        issues = List.copyOf(issues);
        outliers = outliers == null ? List.of() : List.copyOf(outliers);
    }

    /** One flagged example: its id, given label, the class it probably belongs to and its self-confidence. */
    public record Issue(long id, int label, int suggested, float quality) {
    }

    /**
     * The near-duplicate groups: the threshold ε (cos ≥ 1 − ε), how many groups and members, and the largest
     * groups' ids, kept member first.
     */
    public record Duplicates(double epsilon, int groups, int members, List<List<Long>> largest) {
        public Duplicates {
            largest = largest.stream().map(List::copyOf).toList();
        }
    }

    /** An example far from its class centre: id, label, Euclidean distance of its unit features to the class mean. */
    public record Outlier(long id, int label, double distance) {
    }

    /** The name of class {@code c}. */
    public String className(int c) {
        return c >= 0 && c < classNames.size() ? classNames.get(c) : Integer.toString(c);
    }
}
