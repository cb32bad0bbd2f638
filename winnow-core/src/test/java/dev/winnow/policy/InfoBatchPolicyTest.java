package dev.winnow.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InfoBatchPolicyTest {

    @Test
    void nothingObservedMeansEverythingKeptUnweighted() {
        EpochPlan plan = new InfoBatchPolicy(5, 1, 0.5).plan(1, 10);
        assertThat(plan.indices()).containsExactly(0, 1, 2, 3, 4);
        assertThat(plan.weights()).isNull();
    }

    @Test
    void handCaseBelowMeanDroppedAtRateRAndUpweighted() {
        // observed losses 1, 2, 3, 6 → mean 3; below: 0 and 1 (3 is not strictly below); 4 unseen
        InfoBatchPolicy p = new InfoBatchPolicy(5, 9, 0.5);
        p.observe(new int[] {0, 1, 2, 3}, new float[] {1f, 2f, 3f, 6f});
        int[] keptCount = new int[5];
        for (int e = 1; e <= 200; e++) {
            EpochPlan plan = p.plan(e, 1000);
            assertThat(plan.indices()).isSorted().contains(2, 3, 4);
            for (int j = 0; j < plan.size(); j++) {
                int i = plan.indices()[j];
                keptCount[i]++;
                assertThat(plan.weight(j)).isEqualTo(i <= 1 ? 2f : 1f);
            }
        }
        // each of 0, 1 kept ~100 of 200 times (sd ≈ 7); 2, 3, 4 always
        assertThat(keptCount[0]).isBetween(65, 135);
        assertThat(keptCount[1]).isBetween(65, 135);
        assertThat(keptCount).endsWith(200, 200, 200);
    }

    @Test
    void weightedMeanLossIsAnUnbiasedEstimateOfTheFullMean() {
        int n = 200;
        double r = 0.5;
        float[] loss = new float[n];
        for (int i = 0; i < n; i++) {
            loss[i] = (i * 37 % 101) / 10f; // 0 .. 10, fixed
        }
        InfoBatchPolicy p = new InfoBatchPolicy(n, 2024, r);
        p.observe(Picks.all(n), loss);
        double fullMean = 0;
        for (float l : loss) {
            fullMean += l;
        }
        fullMean /= n;
        double sumBelowSq = 0;
        double sumBelow = 0;
        for (float l : loss) {
            if (l < fullMean) {
                sumBelowSq += (double) l * l;
                sumBelow += l;
            }
        }
        int epochs = 4000;
        double avgEstimate = 0;
        for (int e = 1; e <= epochs; e++) {
            EpochPlan plan = p.plan(e, 1_000_000);
            double s = 0;
            for (int j = 0; j < plan.size(); j++) {
                s += plan.weight(j) * loss[plan.indices()[j]];
            }
            avgEstimate += s / n;
        }
        avgEstimate /= epochs;
        // One epoch's estimate (1/n)·Σ w_i·L_i: each below-mean example contributes L_i/(1−r) with
        // probability 1−r, else 0 → mean L_i, variance L_i²·r/(1−r); the others contribute L_i exactly.
        // So Var = Σ_below L_i²·r/(1−r) / n², and the average over independent epochs has sd sqrt(Var/epochs).
        double sd = Math.sqrt(sumBelowSq * r / (1 - r) / ((double) n * n) / epochs);
        double tolerance = 5 * sd;
        assertThat(Math.abs(avgEstimate - fullMean)).isLessThan(tolerance);
        // The tolerance is tight enough to catch a missing up-weighting, whose bias is r·Σ_below L_i / n.
        assertThat(r * sumBelow / n).isGreaterThan(20 * tolerance);
    }

    @Test
    void eachBelowMeanExampleHasExpectedWeightOne() {
        int n = 50;
        double r = 0.7;
        InfoBatchPolicy p = new InfoBatchPolicy(n, 5, r);
        float[] loss = new float[n];
        for (int i = 0; i < n; i++) {
            loss[i] = i; // mean 24.5: 0..24 below
        }
        p.observe(Picks.all(n), loss);
        int epochs = 3000;
        double[] weightSum = new double[n];
        for (int e = 1; e <= epochs; e++) {
            EpochPlan plan = p.plan(e, 1_000_000);
            for (int j = 0; j < plan.size(); j++) {
                weightSum[plan.indices()[j]] += plan.weight(j);
            }
        }
        // per example the epoch weight is 1/(1−r) w.p. 1−r, else 0: mean 1, sd sqrt(r/(1−r)) ≈ 1.53;
        // over 3000 epochs sd ≈ 0.028, so 5 sd = 0.14
        for (int i = 0; i < n; i++) {
            assertThat(weightSum[i] / epochs).as("example %d", i).isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.14));
        }
    }

    @Test
    void lastEpochsUseAllDataUnweighted() {
        InfoBatchPolicy p = new InfoBatchPolicy(100, 3, 0.9); // default δ = 0.875
        float[] loss = new float[100];
        for (int i = 0; i < 100; i++) {
            loss[i] = i;
        }
        p.observe(Picks.all(100), loss);
        // 8 epochs: δ·8 = 7 → epochs 1..7 prune (e − 1 < 7), 8 is full
        assertThat(p.plan(7, 8).size()).isLessThan(100);
        assertThat(p.plan(7, 8).weighted()).isTrue();
        EpochPlan last = p.plan(8, 8);
        assertThat(last.indices()).isEqualTo(Picks.all(100));
        assertThat(last.weights()).isNull();
        // 10 epochs: δ·10 = 8.75 → epochs 1..9 prune, 10 is full
        assertThat(p.plan(9, 10).size()).isLessThan(100);
        assertThat(p.plan(10, 10).size()).isEqualTo(100);
        assertThat(p.plan(10, 10).weights()).isNull();
        // δ = 1 never anneals; δ = 0.5 of 4 epochs prunes 1 and 2 only
        InfoBatchPolicy always = new InfoBatchPolicy(100, 3, 0.9, 1.0);
        always.observe(Picks.all(100), loss);
        assertThat(always.plan(10, 10).size()).isLessThan(100);
        InfoBatchPolicy half = new InfoBatchPolicy(100, 3, 0.9, 0.5);
        half.observe(Picks.all(100), loss);
        assertThat(half.plan(2, 4).size()).isLessThan(100);
        assertThat(half.plan(3, 4).size()).isEqualTo(100);
    }

    @Test
    void rateZeroKeepsEverythingUnweighted() {
        InfoBatchPolicy p = new InfoBatchPolicy(4, 3, 0.0);
        p.observe(new int[] {0, 1, 2, 3}, new float[] {1, 2, 3, 6});
        assertThat(p.plan(1, 10)).isEqualTo(EpochPlan.of(new int[] {0, 1, 2, 3}));
    }

    @Test
    void scoresAreTheLastObservedLoss() {
        InfoBatchPolicy p = new InfoBatchPolicy(3, 3, 0.99);
        p.observe(new int[] {0, 1, 2}, new float[] {0f, 5f, 5f});
        p.observe(new int[] {0}, new float[] {9f}); // now 9, 5, 5: mean 6.33, below: 1 and 2
        assertThat(p.lastLoss(0)).isEqualTo(9f);
        int dropped1 = 0;
        for (int e = 1; e <= 50; e++) {
            int[] idx = p.plan(e, 1000).indices();
            assertThat(idx).contains(0);
            if (idx.length < 3) {
                dropped1++;
            }
        }
        assertThat(dropped1).isGreaterThan(40); // r = 0.99: nearly every epoch drops one of 1, 2
    }
}
