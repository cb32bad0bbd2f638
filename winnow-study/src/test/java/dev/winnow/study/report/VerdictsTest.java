package dev.winnow.study.report;

import dev.winnow.study.StudyResults;
import dev.winnow.study.StudyResults.Cell;
import dev.winnow.study.report.Verdict.Outcome;
import dev.winnow.study.results.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * "Did pruning pay?" checked by hand on a small results file. Every run has two seeds; the cells (mean
 * accuracy, mean total seconds = proxy + scoring + selection + training + evaluation):
 *
 * <pre>
 * full                    1.0  0.91  = (0.90 + 0.92) / 2    10   = 9 + 1
 * full:shorter            0.5  0.89                          5   = 4.5 + 0.5
 * full:shorter            0.3  0.87                          3   = 2.7 + 0.3
 * dynamic:infobatch:keep  0.5  0.909 = (0.908 + 0.910) / 2   6   = 5.5 + 0.5
 * el2n@1:hard             0.5  0.90                         10.5 = 3 + 1 + 0.5 + 5.5 + 0.5
 * random                  0.5  0.88                          4   = 3.6 + 0.4
 * random                  0.3  0.86  = (0.85 + 0.87) / 2     3.2 = 2.9 + 0.3
 * dynamic:uniform:keep    0.3  0.875                         2.5 = 2.2 + 0.3
 * aum:hard                0.3  0.71  = (0.70 + 0.72) / 2    14.5 = 3 + 1 + 0.5 + 9.5 + 0.5
 * </pre>
 *
 * Full training's accuracy less 0.5 pt: 0.905.
 */
public class VerdictsTest {
    /** One results line; {@code s} = proxy, scoring, selection, training, evaluation; {@code curve} = (acc, seconds) pairs. */
    static String line(String method, String strategy, String score, double keep, long seed, double acc, double[] s,
                       double... curve) {
        StringBuilder c = new StringBuilder();
        for (int i = 0; i < curve.length; i += 2) {
            c.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"epoch\":%d,\"test_accuracy\":%s,\"seconds\":%s,\"backward_examples\":%d}",
                    i / 2 + 1, curve[i], curve[i + 1], (i / 2 + 1) * 100));
        }
        return String.format(Locale.ROOT, "{\"method\":\"%s\",\"score\":%s,\"strategy\":%s,\"keep\":%s,\"k\":%d,"
                        + "\"n\":1000,\"seed\":%d,\"test_accuracy\":%s,\"seconds\":{\"proxy\":%s,\"scoring\":%s,"
                        + "\"selection\":%s,\"training\":%s,\"evaluation\":%s,\"total\":%s}%s}\n",
                method, score == null ? "null" : "\"" + score + "\"", strategy == null ? "null" : "\"" + strategy + "\"",
                keep, Math.round(keep * 1000), seed, acc, s[0], s[1], s[2], s[3], s[4], s[0] + s[1] + s[2] + s[3] + s[4],
                curve.length == 0 ? "" : ",\"curve\":[" + c + "]");
    }

    static double[] secs(double proxy, double scoring, double selection, double training, double evaluation) {
        return new double[] {proxy, scoring, selection, training, evaluation};
    }

    /** The study of the class comment, with aum scores for seed 0 over ten examples. */
    public static Path folder(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        // full's curves: seed 0 80, 86, 89, 90 %; seed 1 82, 88, 91, 92 %; at 2, 4, 6, 8 s (evaluation not counted)
        sb.append(line("full", null, null, 1.0, 0, 0.90, secs(0, 0, 0, 9, 1), 0.80, 2, 0.86, 4, 0.89, 6, 0.90, 8));
        sb.append(line("full", null, null, 1.0, 1, 0.92, secs(0, 0, 0, 9, 1), 0.82, 2, 0.88, 4, 0.91, 6, 0.92, 8));
        for (long seed : new long[] {0, 1}) {
            sb.append(line("full:shorter", null, null, 0.5, seed, 0.89, secs(0, 0, 0, 4.5, 0.5), 0.85, 2, 0.89, 4));
            sb.append(line("full:shorter", null, null, 0.3, seed, 0.87, secs(0, 0, 0, 2.7, 0.3)));
            sb.append(line("el2n@1:hard", "hard", "el2n@1", 0.5, seed, 0.90, secs(3, 1, 0.5, 5.5, 0.5)));
            sb.append(line("random", "random", "random", 0.5, seed, 0.88, secs(0, 0, 0, 3.6, 0.4)));
            sb.append(line("random", "random", "random", 0.3, seed, seed == 0 ? 0.85 : 0.87, secs(0, 0, 0, 2.9, 0.3)));
            sb.append(line("dynamic:uniform:keep", "dynamic", "dynamic", 0.3, seed, 0.875, secs(0, 0, 0, 2.2, 0.3)));
        }
        // infobatch's curves: 85, 89, 90.4, 90.8 % and 85, 89, 90.8, 91.0 % at 1.5, 3, 4.5, 6 s
        sb.append(line("dynamic:infobatch:keep", "dynamic", "dynamic", 0.5, 0, 0.908, secs(0, 0, 0, 5.5, 0.5),
                0.85, 1.5, 0.89, 3, 0.904, 4.5, 0.908, 6));
        sb.append(line("dynamic:infobatch:keep", "dynamic", "dynamic", 0.5, 1, 0.910, secs(0, 0, 0, 5.5, 0.5),
                0.85, 1.5, 0.89, 3, 0.908, 4.5, 0.910, 6));
        // aum's curves start after its proxy and scoring (4.5 s) and never get near full
        sb.append(line("aum:hard", "hard", "aum", 0.3, 0, 0.70, secs(3, 1, 0.5, 9.5, 0.5), 0.60, 9, 0.70, 14));
        sb.append(line("aum:hard", "hard", "aum", 0.3, 1, 0.72, secs(3, 1, 0.5, 9.5, 0.5), 0.60, 9, 0.72, 14));
        Files.writeString(dir.resolve("results.jsonl"), sb.toString());
        // ten examples, five of each class; aum ranks class 1 hardest
        Path scores = Files.createDirectories(dir.resolve("scores/seed-0"));
        StringBuilder csv = new StringBuilder("id,label,score\n");
        for (int i = 1; i <= 10; i++) {
            csv.append(i).append(',').append(i <= 5 ? 0 : 1).append(',').append(i / 10.0).append('\n');
        }
        Files.writeString(scores.resolve("aum.csv"), csv);
        Files.writeString(scores.resolve("aum.json"), "{\"score\":\"aum\"}");
        return dir;
    }

    static Verdict verdict(Payoff p, String method, double keep) {
        return p.verdicts().stream().filter(v -> v.method().equals(method) && v.keep() == keep).findFirst().orElseThrow();
    }

    @Test
    void verdictsByHand(@TempDir Path dir) throws Exception {
        Payoff p = Verdicts.analyse(StudyResults.read(folder(dir)));
        assertThat(p.target()).isCloseTo(0.905, within(1e-12));
        assertThat(p.hasShorter()).isTrue();
        // baselines first, then the methods in the file's order
        assertThat(p.verdicts()).extracting(Verdict::outcome).startsWith(Outcome.BASELINE, Outcome.BASELINE, Outcome.BASELINE);
        assertThat(p.verdicts()).hasSize(9);

        // infobatch at 50%: 6 s is more than full:shorter's 5 s, but 0.909 ≥ 0.905 at 6 < 10 s: matches full for less
        Verdict ib = verdict(p, "dynamic:infobatch:keep", 0.5);
        assertThat(ib.outcome()).isEqualTo(Outcome.PAYS);
        assertThat(ib.why()).isEqualTo("matches full (−0.1 pt against full) at 0.60× its cost");
        // the only full-data run at least as accurate as 0.909 is full (10 s): saving 1 − 6 / 10
        assertThat(ib.saving()).isCloseTo(0.4, within(1e-12));
        assertThat(ib.matchedBy()).isEqualTo("full");
        // its mean curve: 85, 89, 90.6, 90.9 %; the first point ≥ 90.5 % is at 4.5 s
        assertThat(ib.timeToAccuracy()).isEqualTo(4.5);
        // no proxy: 6 ≤ 10 from the first target on
        assertThat(ib.breakEven()).isEqualTo(OptionalInt.of(1));

        // uniform at 30%: 0.875 > full:shorter's 0.87 at 2.5 ≤ 3 s: beats it
        Verdict un = verdict(p, "dynamic:uniform:keep", 0.3);
        assertThat(un.pays()).isTrue();
        assertThat(un.why()).isEqualTo("beats full:shorter (+0.5 pt) at 0.83× its cost");
        // the cheapest full-data run with ≥ 0.875 is full:shorter at 50% (0.89, 5 s): 1 − 2.5 / 5
        assertThat(un.saving()).isCloseTo(0.5, within(1e-12));
        assertThat(un.matchedBy()).isEqualTo("full:shorter at 50%");
        assertThat(un.timeToAccuracy()).as("no curve").isNaN();

        // el2n at 50%: more accurate than full:shorter (0.90 > 0.89) but 10.5 > 5 s, and 0.90 < 0.905
        Verdict el = verdict(p, "el2n@1:hard", 0.5);
        assertThat(el.outcome()).isEqualTo(Outcome.DOES_NOT_PAY);
        assertThat(el.why()).isEqualTo("beats full:shorter (+1.0 pt) but costs 2.10× as much, −1.0 pt against full");
        // matched by full (0.91 ≥ 0.90, 10 s): 1 − 10.5 / 10 = −5 %
        assertThat(el.saving()).isCloseTo(-0.05, within(1e-12));
        // proxy + scoring = 4 paid once, 0.5 + 5.5 + 0.5 = 6.5 per target: 4 / R + 6.5 ≤ 10 ⇔ R ≥ 4 / 3.5 = 1.14 → 2
        assertThat(el.amortised()).isEqualTo(4.0);
        assertThat(el.breakEven()).isEqualTo(OptionalInt.of(2));

        // random at 30%: full:shorter is more accurate (0.87 ≥ 0.86) and cheaper (3 ≤ 3.2)
        Verdict r3 = verdict(p, "random", 0.3);
        assertThat(r3.outcome()).isEqualTo(Outcome.DOES_NOT_PAY);
        assertThat(r3.why()).isEqualTo("full:shorter is at least as accurate (−1.0 pt against full:shorter) at 0.94× the cost");
        // matched by full:shorter at 30% (0.87 ≥ 0.86, 3 s): 1 − 3.2 / 3 = −6.7 %
        assertThat(r3.saving()).isCloseTo(1 - 3.2 / 3, within(1e-12));
        assertThat(PayoffSection.saving(r3)).isEqualTo("costs 7% more");
        // random at 50%: cheaper than full:shorter (4 / 5 = 0.80×) but less accurate, and 3 pt under full
        Verdict r5 = verdict(p, "random", 0.5);
        assertThat(r5.outcome()).isEqualTo(Outcome.DOES_NOT_PAY);
        assertThat(r5.why()).isEqualTo("cheaper than full:shorter (0.80×) but −1.0 pt against full:shorter, −3.0 pt against full");
        assertThat(PayoffSection.saving(r5)).isEqualTo("saves 20%");

        // aum at 30%: 0.5 + 9.5 + 0.5 = 10.5 per target ≥ 10 s: no R breaks even; its curve never reaches 0.905
        Verdict aum = verdict(p, "aum:hard", 0.3);
        assertThat(aum.outcome()).isEqualTo(Outcome.DOES_NOT_PAY);
        assertThat(aum.breakEven()).isEmpty();
        assertThat(aum.timeToAccuracy()).isInfinite();

        // full's mean curve: 81, 87, 90, 91 %: within 0.5 pt (≥ 90.5 %) at its last point, 8 s
        assertThat(verdict(p, "full", 1.0).timeToAccuracy()).isEqualTo(8.0);
    }

    @Test
    void paretoFrontierCollapseAndTheAnswerInWords(@TempDir Path dir) throws Exception {
        StudyResults res = StudyResults.read(folder(dir));
        Payoff p = Verdicts.analyse(res);
        // (s, acc): uniform (2.5, .875) is cheapest; random 50% (4, .88), full:shorter 50% (5, .89), infobatch (6, .909)
        // and full (10, .91) each buy accuracy; full:shorter 30% (3, .87) and random 30% (3.2, .86) lose to uniform,
        // el2n (10.5, .90) and aum (14.5, .71) to full
        assertThat(p.frontier()).extracting(c -> c.method() + "@" + c.keep()).containsExactly(
                "dynamic:uniform:keep@0.3", "random@0.5", "full:shorter@0.5", "dynamic:infobatch:keep@0.5", "full@1.0");
        assertThat(verdict(p, "random", 0.5).pareto()).isTrue();
        assertThat(verdict(p, "random", 0.3).pareto()).isFalse();

        // aum at 30%: 0.71 is 15 pt under random's 0.86 and under its lowest seed 0.85; its 3 hardest of 10
        // (ids 8, 9, 10) are all class 1, which is half the training set
        assertThat(p.collapses()).containsExactly(new Collapse("aum:hard", 0.3, 0.71, 0.86, 0.85,
                "hardest examples only: ambiguous and mislabelled examples are over-represented; "
                        + "its kept 30% are 100% class 1, against 50% of the training set"));

        assertThat(Verdicts.summaryLines(res)).containsExactly(
                "Did pruning pay? Yes, for 2 of 6 method budgets: they beat training on all the data for as many steps "
                        + "(full:shorter) at no more cost, or matched full training's accuracy (within 0.5 pt) for less.",
                // the paying methods that match full (≥ 0.905): infobatch only
                "Best: dynamic:infobatch:keep at 50% kept reaches 90.9% (−0.1 pt against full) in 6.0 s, 0.60× full "
                        + "training's 10.0 s; full:shorter at that budget reaches 89% in 5.0 s.",
                // el2n: R = 2; aum: never
                "Reusing one proxy's scores, el2n@1:hard at 50% kept costs no more than full training per target "
                        + "from 2 target trainings on (break-even R = 2).",
                "Within 0.5 pt of full training's 91%: full training gets there after 8.0 s; "
                        + "dynamic:infobatch:keep at 50% kept after 4.5 s.",
                "Warning: aum:hard at 30% kept collapsed to 71% against random's 86% (lowest seed 85%): hardest "
                        + "examples only: ambiguous and mislabelled examples are over-represented; its kept 30% are "
                        + "100% class 1, against 50% of the training set.");
    }

    @Test
    void breakEvenByHand() {
        // nothing amortised: one target, if it is no dearer than full
        assertThat(Verdict.breakEven(0, 10, 10)).isEqualTo(OptionalInt.of(1));
        assertThat(Verdict.breakEven(0, 10.5, 10)).isEmpty();
        // 1.5 / R + 9.25 ≤ 10 ⇔ R ≥ 1.5 / 0.75 = 2 exactly (R = 1: 10.75 > 10)
        assertThat(Verdict.breakEven(1.5, 9.25, 10)).isEqualTo(OptionalInt.of(2));
        // 4 / R + 9 ≤ 10 ⇔ R ≥ 4
        assertThat(Verdict.breakEven(4, 9, 10)).isEqualTo(OptionalInt.of(4));
        // per target already at full's cost: R → ∞ only approaches 10
        assertThat(Verdict.breakEven(4, 10, 10)).isEmpty();
        assertThat(Verdict.breakEven(Double.NaN, 1, 10)).isEmpty();
    }

    @Test
    void aMeanCurveKeepsTheEpochsEverySeedHasAndSkipsRunsWithout() {
        RunRecord a = run(0).withCurve(List.of(new RunRecord.CurvePoint(1, 0.5, 1, 10), new RunRecord.CurvePoint(2, 0.7, 2, 20)));
        RunRecord b = run(1).withCurve(List.of(new RunRecord.CurvePoint(1, 0.6, 3, 30)));
        // epoch 1 in both: (0.5 + 0.6) / 2 = 0.55 at (1 + 3) / 2 = 2 s, (10 + 30) / 2 = 20 examples; epoch 2 only in a
        CostCurve c = CostCurve.mean("m", 0.5, List.of(a, b, run(2)));
        assertThat(c.seeds()).isEqualTo(2);
        assertThat(c.points()).hasSize(1);
        assertThat(c.points().get(0).testAccuracy()).isCloseTo(0.55, within(1e-12));
        assertThat(c.points().get(0).seconds()).isEqualTo(2.0);
        assertThat(c.points().get(0).backwardExamples()).isEqualTo(20);
        assertThat(c.secondsToReach(0.55)).isEqualTo(2.0);
        assertThat(c.secondsToReach(0.56)).isInfinite();
        assertThat(CostCurve.mean("m", 0.5, List.of(run(2)))).isNull();
    }

    private static RunRecord run(long seed) {
        return new RunRecord("m", null, null, 0.5, 5, 10, seed, 0.5, null, null, 0, 0, null, 1, 1, null);
    }

    @Test
    void aCellExactlyFivePointsUnderRandomHasNotCollapsed() {
        Cell random = cell("random", 0.86, 0.85);
        assertThat(Collapse.collapsed(cell("m", 0.81, 0.80), random)).isFalse();
        assertThat(Collapse.collapsed(cell("m", 0.80, 0.80), random)).isTrue();
        // 6 pt under random's mean but above its lowest seed (random spread widely): not a collapse
        assertThat(Collapse.collapsed(cell("m", 0.80, 0.80), cell("random", 0.86, 0.79))).isFalse();
    }

    private static Cell cell(String method, double acc, double min) {
        return new Cell(method, 0.3, 2, acc, 0, min, acc, 0, 0, 0, 1, 0, 1, 1, 0, 0, 3);
    }

    @Test
    void withoutFullShorterMethodsAreJudgedAgainstFullOnly(@TempDir Path dir) throws Exception {
        // full 0.91 in 10 s; uniform at 30% 0.908 in 4 s (matches full for less); random at 30% 0.86 in 3 s;
        // infobatch with its own rates runs at kept fraction 1, where full training is the budget's full:shorter
        Files.writeString(dir.resolve("results.jsonl"),
                line("full", null, null, 1.0, 0, 0.91, secs(0, 0, 0, 9, 1))
                        + line("dynamic:uniform:keep", "dynamic", "dynamic", 0.3, 0, 0.908, secs(0, 0, 0, 3.5, 0.5))
                        + line("random", "random", "random", 0.3, 0, 0.86, secs(0, 0, 0, 2.7, 0.3))
                        + line("dynamic:infobatch:0.5", "dynamic", "dynamic", 1.0, 0, 0.915, secs(0, 0, 0, 7.5, 0.5)));
        Payoff p = Verdicts.analyse(StudyResults.read(dir));
        assertThat(p.hasShorter()).isFalse();
        assertThat(verdict(p, "dynamic:uniform:keep", 0.3).why()).isEqualTo("matches full (−0.2 pt against full) at 0.40× its cost");
        assertThat(verdict(p, "random", 0.3).why()).isEqualTo("−5.0 pt against full, and no full:shorter to compare with");
        // 0.915 > 0.91 at 8 ≤ 10 s
        Verdict ib = verdict(p, "dynamic:infobatch:0.5", 1.0);
        assertThat(ib.pays()).isTrue();
        assertThat(ib.why()).isEqualTo("beats full (+0.5 pt) at 0.80× its cost");
        // more accurate than every full-data run: the saving is against full, 1 − 8 / 10
        assertThat(ib.beyond()).isTrue();
        assertThat(ib.saving()).isCloseTo(0.2, within(1e-12));
        assertThat(p.lines()).contains("No full:shorter runs in this study, so a method pays here only by matching full "
                + "training for less.");
        assertThat(p.lines().get(0)).startsWith("Did pruning pay? Yes, for 2 of 3 method budgets");
        // both paying methods match full; the cheaper is uniform (4 s), and at 30% there is no full:shorter to quote
        assertThat(p.lines()).contains("Best: dynamic:uniform:keep at 30% kept reaches 90.8% (−0.2 pt against full) in "
                + "4.0 s, 0.40× full training's 10.0 s.");
    }
}
