package dev.winnow.score;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;
import dev.winnow.io.AtomicFiles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packed, branch-free forgetting count against the definition read literally, on random
 * sequences of correct / wrong / not presented (NaN) for one example in one run.
 */
class ForgettingPropertyTest {
    @Provide
    Arbitrary<List<Float>> sequences() {
        return Arbitraries.of(0f, 1f, Float.NaN).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void matchesTheDefinition(@ForAll("sequences") List<Float> seq) throws IOException {
        // the definition: walk the presentations, skip NaN, count 1 -> 0 steps; never correct -> #presentations
        int forgets = 0;
        int shown = 0;
        boolean ever = false;
        Float last = null;
        for (Float c : seq) {
            if (c.isNaN()) {
                continue;
            }
            shown++;
            if (last != null && last == 1f && c == 0f) {
                forgets++;
            }
            ever |= c == 1f;
            last = c;
        }
        float expected = shown == 0 ? Float.NaN : ever ? forgets : shown;

        Path dir = Files.createTempDirectory("forgetting");
        try {
            try (DynamicsWriter w = DynamicsWriter.create(dir.resolve("s"), 1, 2, EnumSet.of(Signal.CORRECT), false, false)) {
                w.labels(new int[] {0});
                for (int t = 0; t < seq.size(); t++) {
                    w.observeSignals(new Observation(0, t + 1, ObservationKind.PRESENTATION),
                            Map.of(Signal.CORRECT, new float[] {seq.get(t)}), null);
                }
                w.commit();
            }
            float actual = new ForgettingScore().compute(DynamicsStore.open(dir.resolve("s")))[0];
            if (Float.isNaN(expected)) {
                assertThat(actual).isNaN();
            } else {
                assertThat(actual).isEqualTo(expected);
            }
        } finally {
            AtomicFiles.deleteQuietly(dir);
        }
    }
}
