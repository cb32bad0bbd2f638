package dev.winnow.policy;

import dev.winnow.WinnowException;
import dev.winnow.select.KeepList;
import dev.winnow.select.KeepListProvenance;

import java.util.HashMap;
import java.util.Map;

/**
 * A static keep-list as a policy: the same {@link EpochPlan} every epoch, whatever the losses. This is
 * how {@code winnow train --keep-list} and a study's static methods train, through the same loop as the
 * dynamic policies. Seedless, so one instance may drive many runs.
 *
 * <pre>{@code
 * EpochPolicy p = FixedPolicy.of(KeepList.read(Path.of("keep.csv")), data.train().ids());
 * }</pre>
 */
public final class FixedPolicy extends BasePolicy {
    private final EpochPlan plan;
    private final String name;

    /**
     * Trains every epoch on {@code plan} over a training set of {@code n} examples.
     *
     * @throws IllegalArgumentException when an index of the plan is outside {@code 0..n-1}
     */
    public FixedPolicy(int n, EpochPlan plan, String name) {
        super(n);
        for (int i : plan.indices()) {
            if (i < 0 || i >= n) {
                throw new IllegalArgumentException("plan index " + i + " outside the training set 0.." + (n - 1));
            }
        }
        this.plan = plan;
        this.name = name;
    }

    /**
     * The keep-list over a training set whose example {@code i} has id {@code datasetIds[i]}: each kept id
     * becomes its index (in the keep-list's id order), each weight its float. Named for
     * {@code metrics.json}: {@code keep-list FILE (k of n)} for a list read from a file, else
     * {@code keep-list (k of n)}.
     *
     * @throws WinnowException when a kept id is not in the training set (naming it)
     */
    public static FixedPolicy of(KeepList keep, long[] datasetIds) {
        Map<Long, Integer> index = new HashMap<>(datasetIds.length * 2);
        for (int i = 0; i < datasetIds.length; i++) {
            index.put(datasetIds[i], i);
        }
        int[] indices = new int[keep.size()];
        for (int j = 0; j < indices.length; j++) {
            Integer i = index.get(keep.id(j));
            if (i == null) {
                throw new WinnowException("example id " + keep.id(j) + " is not in the training set");
            }
            indices[j] = i;
        }
        String file = keep.provenance() instanceof KeepListProvenance.ReadFromFile f ? " " + f.csv().getFileName() : "";
        String name = "keep-list" + file + " (" + keep.size() + " of " + datasetIds.length + ")";
        return new FixedPolicy(datasetIds.length, new EpochPlan(indices, keep.lossWeights(), 0), name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    EpochPlan choose(int epoch, int totalEpochs) {
        return plan;
    }
}
