package dev.winnow.quality;

import dev.winnow.WinnowException;
import dev.winnow.random.RandomKey;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NearDuplicatesTest {
    @Test
    void twoPairsByHandKeepingTheSmallerKey() {
        // rows (normalised): a = (1, 0), b = (3, 0.3) ~ cos 0.995 to a, c = (0, 2), d = (0.2, 2) ~ cos 0.995 to c,
        // e = (1, 1): cos 0.707 to a and c, alone
        float[] h = {1, 0, 3, 0.3f, 0, 2, 0.2f, 2, 1, 1};
        long[] ids = {5, 6, 7, 8, 9};
        UnitFeatures f = UnitFeatures.normalise(h, 5, 2, ids, "t");
        DuplicateGroups g = NearDuplicates.find(f, ids, 0.01, 3);
        assertThat(g.groups()).isEqualTo(2);
        assertThat(g.members()).isEqualTo(4);
        assertThat(g.group(4)).isEqualTo(-1);
        int keptAb = RandomKey.compare(RandomKey.key(3, 5), RandomKey.key(3, 6)) < 0 ? 0 : 1;
        int keptCd = RandomKey.compare(RandomKey.key(3, 7), RandomKey.key(3, 8)) < 0 ? 2 : 3;
        assertThat(g.kept(g.group(0))).isEqualTo(keptAb);
        assertThat(g.kept(g.group(2))).isEqualTo(keptCd);
        double cos = 3 / Math.sqrt(9.09);
        assertThat((double) g.similarityToKept(1 - keptAb)).isCloseTo(cos, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(g.similarityToKept(keptAb)).isEqualTo(1f);
        // the keep-list: e and one of each pair
        assertThat(g.keptIds()).containsExactly(ids[keptAb], ids[keptCd], 9);
        // at eps 0.003 (cos >= 0.997) no pair links
        assertThat(NearDuplicates.find(UnitFeatures.normalise(new float[] {1, 0, 3, 0.3f, 0, 2, 0.2f, 2, 1, 1}, 5, 2, ids, "t"),
                ids, 0.003, 3).groups()).isZero();
        // csv: kept first in each group, groups by kept id
        String csv = g.csv(new int[] {0, 1, 2, 2, 0});
        assertThat(csv).startsWith("group,id,label,similarity_to_kept\n0," + ids[keptAb] + ",");
        assertThat(csv.lines()).hasSize(5);
    }

    @Test
    void thePartitionedSearchFindsExactlyTheLinksOfComparingAllPairs() {
        Random r = new Random(7);
        int n = 3000;
        int d = 16;
        float[] h = new float[n * d];
        float[][] centres = new float[40][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) r.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            float[] c = centres[r.nextInt(centres.length)];
            double spread = i % 3 == 0 ? 0.05 : 0.4;
            for (int j = 0; j < d; j++) {
                h[i * d + j] = (float) (c[j] + spread * r.nextGaussian());
            }
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 1000 + 3L * i;
        }
        UnitFeatures f = UnitFeatures.normalise(h, n, d, ids, "t");
        for (double eps : new double[] {0.002, 0.01, 0.05}) {
            DuplicateGroups g = NearDuplicates.find(f, ids, eps, 11);
            UnionFind all = new UnionFind(n);
            float min = (float) (1 - eps);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (f.dot(i, j) >= min) {
                        all.union(i, j);
                    }
                }
            }
            int[] size = new int[n];
            for (int i = 0; i < n; i++) {
                size[all.find(i)]++;
            }
            assertThat(g.members()).as("eps %s", eps).isPositive();
            for (int i = 0; i < n; i++) {
                assertThat(g.group(i) >= 0).as("eps %s, row %d in a group", eps, i).isEqualTo(size[all.find(i)] > 1);
                for (int j = i + 1; j < Math.min(n, i + 40); j++) {
                    boolean same = g.group(i) >= 0 && g.group(i) == g.group(j);
                    assertThat(same).as("eps %s, rows %d %d", eps, i, j)
                            .isEqualTo(size[all.find(i)] > 1 && all.find(i) == all.find(j));
                }
            }
            // the same seed gives the same groups
            DuplicateGroups again = NearDuplicates.find(f, ids, eps, 11);
            assertThat(again.csv(new int[n])).isEqualTo(g.csv(new int[n]));
        }
    }

    @Test
    void badThresholdsAndFeaturesAreRefusedInOneLine() {
        UnitFeatures f = UnitFeatures.normalise(new float[] {1, 0, 0, 1}, 2, 2, new long[] {0, 1}, "t");
        for (double eps : new double[] {0, 2, -0.1, Double.NaN}) {
            assertThatThrownBy(() -> NearDuplicates.find(f, new long[] {0, 1}, eps, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--threshold must be in (0, 2)");
        }
        assertThatThrownBy(() -> UnitFeatures.normalise(new float[] {1, Float.NaN, 0, 1}, 2, 2, new long[] {4, 5}, "f.npy"))
                .isInstanceOf(WinnowException.class).hasMessage("f.npy: feature 1 of example id 4 is NaN (features must be finite)");
        assertThatThrownBy(() -> UnitFeatures.normalise(new float[] {1, 1, 0, 0}, 2, 2, new long[] {4, 5}, "f.npy"))
                .isInstanceOf(WinnowException.class).hasMessageContaining("example id 5 are all zero");
    }
}
