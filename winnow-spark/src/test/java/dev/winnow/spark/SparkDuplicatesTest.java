package dev.winnow.spark;

import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.DynamicsWriter;
import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import dev.winnow.dynamics.Signal;
import dev.winnow.quality.DuplicateGroups;
import dev.winnow.quality.NearDuplicates;
import dev.winnow.quality.UnitFeatures;
import dev.winnow.select.KeepListProvenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code winnow spark duplicates} against the core's groups: the same CSV, keep-list and keep.json bytes. */
class SparkDuplicatesTest {
    @TempDir
    Path dir;

    /** A store of rows {@code h} (N × D) as run 0 of features.npy, one presentation, labels i mod 3. */
    static Path store(Path dir, float[] h, int n, int d, long[] ids) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        try (DynamicsWriter w = DynamicsWriter.create(dir, n, 3, EnumSet.of(Signal.LOSS), false, false)) {
            w.labels(labels).ids(ids);
            w.observe(new Observation(0, 1, ObservationKind.PRESENTATION), new float[n * 3], new float[n], labels);
            w.features(0, h, d);
            w.commit();
        }
        return dir;
    }

    /** Rows at these angles (degrees) on the unit circle, scaled by {@code scale}. */
    private static float[] circle(double[] degrees, double[] scale) {
        float[] h = new float[2 * degrees.length];
        for (int i = 0; i < degrees.length; i++) {
            h[2 * i] = (float) (scale[i] * Math.cos(Math.toRadians(degrees[i])));
            h[2 * i + 1] = (float) (scale[i] * Math.sin(Math.toRadians(degrees[i])));
        }
        return h;
    }

    // 12° apart do not link at ε = 0.01 (cos 12° = 0.978 < 0.99); 2° and less do (cos 2° = 0.9994)
    private static final double[] DEGREES = {0, 12, 12, 24, 44, 46, 66, 78, 90, 90.5, 91};
    private static final double[] SCALE = {1, 2, 0.5, 1, 3, 1, 1, 1, 7, 1, 0.25};
    private static final long[] IDS = {101, 7, 55, 3, 900, 12, 40, 8, 77, 1000, 2};

    @Test
    void aPairStraddlingThePartitionBoundaryIsFoundThroughTheVisit() {
        // centres at 12° and 78°: the bisector is at 45°, so 44° and 46° are members of different partitions
        double[] centres = {Math.cos(Math.toRadians(12)), Math.sin(Math.toRadians(12)),
            Math.cos(Math.toRadians(78)), Math.sin(Math.toRadians(78))};
        ClusterCover cover = new ClusterCover(centres, 2, SparkDuplicates.radius(0.01, 2));
        UnitFeatures f = UnitFeatures.normalise(circle(DEGREES, SCALE), DEGREES.length, 2, IDS, "t");
        List<Tuple2<Integer, ClusterCover.Entry>> at44 = cover.entries(new UnitRow(4, row(f, 4)));
        List<Tuple2<Integer, ClusterCover.Entry>> at46 = cover.entries(new UnitRow(5, row(f, 5)));
        assertThat(at44).extracting(t -> t._1() + (t._2().member() ? "m" : "v")).containsExactly("0m", "1v");
        assertThat(at46).extracting(t -> t._1() + (t._2().member() ? "m" : "v")).containsExactly("1m", "0v");
        // 0° is 45° from the bisector (distance sin 45° ≫ r = 0.14): it visits nothing
        assertThat(cover.entries(new UnitRow(0, row(f, 0)))).hasSize(1);
        // partition 1 alone links 46° (member) with 44° (visitor): one forest edge
        int[] forest = ClusterLinks.forest(List.of(at46.get(0)._2(), at44.get(1)._2()), 2, 0.99f, 0.15);
        assertThat(forest).hasSize(2).containsExactlyInAnyOrder(4, 5);
    }

    @Test
    void handBuiltGroupsEqualTheCoreByteForByteWithFixedAndKMeansCentres() throws IOException {
        Path s = store(dir.resolve("store"), circle(DEGREES, SCALE), DEGREES.length, 2, IDS);
        DynamicsStore st = DynamicsStore.open(s);
        DuplicateGroups core = NearDuplicates.find(UnitFeatures.of(st, 0), st.ids(), 0.01, 3);
        // by hand: {12°, 12°}, {44°, 46°}, {90°, 90.5°, 91°}
        assertThat(core.groups()).isEqualTo(3);
        assertThat(core.members()).isEqualTo(7);
        double[] centres = {Math.cos(Math.toRadians(12)), Math.sin(Math.toRadians(12)),
            Math.cos(Math.toRadians(78)), Math.sin(Math.toRadians(78))};
        DuplicateGroups fixed = SparkDuplicates.find(SharedSpark.get(), SparkFeatures.of(st, 0), st.ids(), 0.01, 3,
                2, centres, null);
        assertThat(fixed.csv(st.labels())).isEqualTo(core.csv(st.labels()));
        for (String k : new String[] {"1", "2", "5"}) {
            assertEqualFiles(s, "0.01", "3", k);
        }
    }

    @Test
    void thousandsOfRandomRowsWithPlantedDuplicatesEqualTheCoreUnderSeveralPartitionsAndSeeds() throws IOException {
        int n = 3000;
        int d = 16;
        SplittableRandom r = new SplittableRandom(17);
        float[][] centres = new float[30][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) r.nextGaussian();
            }
        }
        float[] h = new float[n * d];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 5_000_000L - 7L * i + (i % 5 == 0 ? 1L << 35 : 0);
            if (i >= 100 && i % 10 == 0) { // planted: a near copy of an earlier row
                int src = r.nextInt(i);
                for (int j = 0; j < d; j++) {
                    h[i * d + j] = h[src * d + j] * 1.5f + (float) (0.01 * r.nextGaussian());
                }
                continue;
            }
            float[] c = centres[r.nextInt(centres.length)];
            for (int j = 0; j < d; j++) {
                h[i * d + j] = (float) (c[j] + 0.35 * r.nextGaussian());
            }
        }
        Path s = store(dir.resolve("random"), h, n, d, ids);
        String[][] cases = {{"0.01", "0", "0"}, {"0.01", "9", "7"}, {"0.002", "4", "2"}, {"0.05", "1", "40"}};
        for (String[] c : cases) {
            assertEqualFiles(s, c[0], c[1], c[2]);
        }
    }

    /** Runs the Spark command and the core on the same store; the three files must be equal byte for byte. */
    private void assertEqualFiles(Path store, String eps, String seed, String partitions) throws IOException {
        Path out = dir.resolve("groups-" + eps + "-" + seed + "-" + partitions + ".csv");
        Path keep = dir.resolve("keep-" + eps + "-" + seed + "-" + partitions + ".csv");
        SparkMainTest.Run run = SparkMainTest.run("duplicates", "--dynamics", store.toString(), "--threshold", eps,
                "--seed", seed, "--partitions", partitions, "--out", out.toString(), "--keep-list", keep.toString());
        assertThat(run.code()).as(run.err()).isZero();
        byte[] sparkCsv = Files.readAllBytes(out);
        byte[] sparkKeep = Files.readAllBytes(keep);
        byte[] sparkJson = Files.readAllBytes(dev.winnow.select.KeepListWriter.provenancePath(keep));
        DynamicsStore st = DynamicsStore.open(store);
        double e = Double.parseDouble(eps);
        long sd = Long.parseLong(seed);
        DuplicateGroups core = NearDuplicates.find(UnitFeatures.of(st, 0), st.ids(), e, sd);
        assertThat(core.groups()).as("planted groups").isPositive();
        String what = "eps " + eps + ", seed " + seed + ", partitions " + partitions;
        assertThat(new String(sparkCsv, java.nio.charset.StandardCharsets.UTF_8)).as(what).isEqualTo(core.csv(st.labels()));
        core.writeKeepList(keep, e, sd, 0, List.of(KeepListProvenance.Input.of("dynamics", store),
                KeepListProvenance.Input.of("features", store.resolve("features.npy"))),
                dev.winnow.cli.base.ToolVersion.get(), true);
        assertThat(sparkKeep).as(what).isEqualTo(Files.readAllBytes(keep));
        assertThat(sparkJson).as(what).isEqualTo(Files.readAllBytes(dev.winnow.select.KeepListWriter.provenancePath(keep)));
        assertThat(run.out()).as(what).contains(core.groups() + " groups, " + core.members() + " of ");
        // the same bytes from another JVM too: the tool's fields in a fixed order (name, then version)
        assertThat(new String(sparkJson, java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"tool\" : {\n    \"name\" : \"winnow\",\n    \"version\" : ");
    }

    private static float[] row(UnitFeatures f, int i) {
        return java.util.Arrays.copyOfRange(f.rows(), i * f.d(), (i + 1) * f.d());
    }
}
