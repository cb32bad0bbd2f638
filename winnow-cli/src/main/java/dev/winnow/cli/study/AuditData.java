package dev.winnow.cli.study;

import dev.winnow.study.StudyData;
import dev.winnow.train.data.Datasets;

/** The training examples of a dataset spec as a {@link StudyData}, for the pages that show examples ({@code winnow audit}). */
public final class AuditData {
    private AuditData() {
    }

    /** Loads the training split of {@code spec} ({@code fashion-mnist}, {@code idx:DIR}, {@code text:…}). */
    public static StudyData load(String spec) {
        return new BundleStudyData(Datasets.load(spec), spec);
    }
}
