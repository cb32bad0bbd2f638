package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.ObservationKind;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code aum}: minus the area under the margin, −mean(logit_margin) over the example's presentations,
 * where logit_margin = z_y − max_{k≠y} z_k (Pleiss et al. 2020, "Identifying Mislabeled Data using the
 * Area Under the Margin Ranking"). Negated so that a low, mislabel-like margin ranks as hard.
 *
 * <p>NaN presentations are left out of the mean; a run with none for the example is left out of the
 * average over runs; never presented at all gives NaN.
 */
public final class AumScore implements Score {
    @Override
    public String name() {
        return "aum";
    }

    @Override
    public Set<String> requiredSignals() {
        return Set.of("logit_margin");
    }

    @Override
    public Set<ObservationKind> observationKinds() {
        return EnumSet.of(ObservationKind.PRESENTATION);
    }

    @Override
    public float[] compute(DynamicsStore store) {
        StoreRows.requireSignals(this, store);
        StoreRows.requireKind(this, store, ObservationKind.PRESENTATION,
                "; import logits computed while training with --kind presentation");
        int n = store.examples();
        RunMean acc = new RunMean(n);
        RunMean run = new RunMean(n);
        float[] row = new float[n];
        for (int r = 0; r < store.runs(); r++) {
            List<Integer> presentations = StoreRows.observations(store, r,
                    o -> o.kind() == ObservationKind.PRESENTATION);
            if (presentations.isEmpty()) {
                continue;
            }
            run.reset();
            for (int t : presentations) {
                run.add(StoreRows.read(store, "logit_margin", t, row));
            }
            acc.add(run.mean(row));
        }
        float[] out = acc.mean(row);
        for (int i = 0; i < n; i++) {
            out[i] = -out[i];
        }
        return out;
    }
}
