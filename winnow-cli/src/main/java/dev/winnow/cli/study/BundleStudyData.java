package dev.winnow.cli.study;

import dev.winnow.study.StudyData;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Examples;

import java.util.List;

/**
 * A loaded {@link DataBundle} as a study sees it: its training split (limited) in index order, with pixels or
 * sentences for the report, and the same data with other training labels for the proxy and the targets.
 */
final class BundleStudyData implements StudyData {
    private final DataBundle bundle;
    private final String spec;
    private int[] cachedLabels;
    private DataBundle cached;

    BundleStudyData(DataBundle bundle, String spec) {
        this.bundle = bundle;
        this.spec = spec;
    }

    /** The bundle as loaded, with its test split. */
    DataBundle bundle() {
        return bundle;
    }

    @Override
    public String name() {
        return spec;
    }

    @Override
    public int size() {
        return bundle.train().size();
    }

    @Override
    public int classes() {
        return bundle.classes();
    }

    @Override
    public int[] labels() {
        return bundle.train().labels().clone();
    }

    @Override
    public long[] ids() {
        return bundle.train().ids().clone();
    }

    @Override
    public List<String> classNames() {
        return bundle.classNames();
    }

    @Override
    public int[] imageShape() {
        if (bundle.isText()) {
            return null;
        }
        long[] s = bundle.train().exampleShape();
        long prod = 1;
        for (long v : s) {
            prod *= v;
        }
        if (s.length >= 2) {
            return new int[] {(int) s[s.length - 2], (int) s[s.length - 1]};
        }
        int side = (int) Math.round(Math.sqrt(prod));
        return side * side == prod ? new int[] {side, side} : null;
    }

    /** The sentence of a text example, as the dataset reader kept it when it parsed the TSV. */
    @Override
    public String text(int index) {
        return bundle.train().text(index);
    }

    @Override
    public float[] image(int index) {
        float[] px = bundle.train().row(index).clone();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : px) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo < 0 || hi > 1) { // standardised pixels: map back to [0, 1] for display
            for (int i = 0; i < px.length; i++) {
                px[i] = hi > lo ? (px[i] - lo) / (hi - lo) : 0;
            }
        }
        return px;
    }

    /**
     * The bundle with these training labels and no test split (a proxy is never evaluated), cached for the last
     * labels array: a seed's proxy and targets share one.
     */
    synchronized DataBundle relabelled(int[] trainLabels) {
        if (cachedLabels != trainLabels) {
            Examples t = bundle.train();
            Examples relabelled = t.isText() ? Examples.tokens(t.ids(), trainLabels, tokens(t))
                    : Examples.dense(t.ids(), trainLabels, dense(t), t.exampleShape());
            Examples emptyTest = t.isText() ? Examples.tokens(new long[0], new int[0], new int[0][])
                    : Examples.dense(new long[0], new int[0], new float[0], t.exampleShape());
            cached = new DataBundle(bundle.name(), bundle.description(), relabelled, emptyTest, bundle.classes(),
                    bundle.classNames(), bundle.vocabularySize());
            cachedLabels = trainLabels;
        }
        return cached;
    }

    /**
     * The bundle with these training labels and the test split, for a target that is evaluated after some of its
     * epochs (the learning curve): {@link #relabelled}'s training split, no copy of it.
     */
    DataBundle relabelledWithTest(int[] trainLabels) {
        DataBundle r = relabelled(trainLabels);
        return new DataBundle(r.name(), r.description(), r.train(), bundle.test(), r.classes(), r.classNames(),
                r.vocabularySize());
    }

    private static float[] dense(Examples t) {
        int w = t.width();
        float[] x = new float[t.size() * w];
        for (int i = 0; i < t.size(); i++) {
            System.arraycopy(t.row(i), 0, x, i * w, w);
        }
        return x;
    }

    private static int[][] tokens(Examples t) {
        int[][] x = new int[t.size()][];
        for (int i = 0; i < t.size(); i++) {
            x[i] = t.tokensOf(i);
        }
        return x;
    }
}
