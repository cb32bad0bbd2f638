package dev.winnow.train;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.train.data.DataBundle;
import dev.winnow.train.data.Datasets;
import dev.winnow.train.model.ModelSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Integration: real Fashion-MNIST (2,000 training examples). Skipped with a message when the dataset is
 * not installed (apt-get install dataset-fashion-mnist, or FASHION_MNIST_DIR).
 */
@Tag("integration")
class FashionMnistIntegrationTest {
    static DataBundle data() {
        String env = System.getenv("FASHION_MNIST_DIR");
        Path dir = Path.of(env == null || env.isBlank() ? Datasets.FASHION_MNIST_DEFAULT : env);
        assumeTrue(Files.isDirectory(dir), "Fashion-MNIST not installed at " + dir
                + " (apt-get install dataset-fashion-mnist); skipping the integration test");
        return Datasets.load("fashion-mnist").limit(2000);
    }

    @Test
    void mlpOnTwoThousandExamplesLearnsFarAboveChance(@TempDir Path tmp) {
        DataBundle data = data();
        TrainConfig cfg = TrainConfig.builder().setModel(ModelSpec.of("mlp")).optEpochs(5).optSeed(1).build();
        TrainJob job = new TrainJob(data, "fashion-mnist", cfg, 1,
                new RecordOptions(RecordOptions.parseCheckpoints("1,3,5", 5), false, true, false), true);
        List<TrainResult> r = job.execute(tmp, false, null);
        assertThat(r.get(0).finalTestAccuracy()).isGreaterThan(0.70); // chance is 0.10
        DynamicsStore s = DynamicsStore.open(tmp.resolve("dynamics"));
        assertThat(s.examples()).isEqualTo(2000);
        assertThat(s.observations()).hasSize(5 + 3);
        assertThat(s.features()).isPresent();
        assertThat(Files.exists(tmp.resolve("metrics.json"))).isTrue();
    }
}
