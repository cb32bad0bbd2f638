package dev.winnow.study.report;

import dev.winnow.study.Stats;
import dev.winnow.study.StudyResults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well one score finds the training labels the study flipped, over the seeds that flipped some:
 * ranking by the score, higher = more likely flipped.
 *
 * @param score           the score spec
 * @param auroc           mean AUROC over seeds (0.5 = chance)
 * @param aurocStd        sample standard deviation of the AUROC over seeds
 * @param precisionAtF    mean share of flipped labels among the score's top F, F the flipped fraction
 * @param flippedFraction F: the fraction of training labels flipped (of the first seed)
 * @param seeds           seeds averaged over
 */
public record NoiseDetection(String score, double auroc, double aurocStd, double precisionAtF,
                             double flippedFraction, int seeds) {

    /** Each score's detection, in the order the scores first appear; empty when no labels were flipped. */
    public static List<NoiseDetection> of(StudyResults res) {
        Map<String, List<double[]>> acc = new LinkedHashMap<>();
        for (Map.Entry<Long, Map<String, float[]>> e : res.scores().entrySet()) {
            Set<Long> flipped = res.flipped().get(e.getKey());
            if (flipped == null || flipped.isEmpty()) {
                continue;
            }
            long[] ids = res.scoreIds(e.getKey());
            boolean[] pos = new boolean[ids.length];
            int np = 0;
            for (int i = 0; i < ids.length; i++) {
                pos[i] = flipped.contains(ids[i]);
                np += pos[i] ? 1 : 0;
            }
            if (np == 0 || np == ids.length) {
                continue;
            }
            for (Map.Entry<String, float[]> s : e.getValue().entrySet()) {
                acc.computeIfAbsent(s.getKey(), x -> new ArrayList<>()).add(new double[] {
                    Stats.auroc(s.getValue(), pos), Stats.precisionAt(s.getValue(), pos, np), (double) np / ids.length});
            }
        }
        List<NoiseDetection> out = new ArrayList<>();
        acc.forEach((score, perSeed) -> {
            double[] au = perSeed.stream().mapToDouble(v -> v[0]).toArray();
            double[] pr = perSeed.stream().mapToDouble(v -> v[1]).toArray();
            out.add(new NoiseDetection(score, Stats.mean(au), Stats.std(au), Stats.mean(pr), perSeed.get(0)[2],
                    perSeed.size()));
        });
        return List.copyOf(out);
    }
}
