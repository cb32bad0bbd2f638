package dev.winnow.study;

import dev.winnow.study.report.Payoff;
import dev.winnow.study.report.Verdict;
import dev.winnow.study.report.Verdicts;
import dev.winnow.study.report.VerdictsTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The page's "Did pruning pay?" parts, on the hand-written study of {@link VerdictsTest}. */
class PayoffReportTest {
    @Test
    void theReportShowsTheVerdictsTheFrontierAndTheCurves(@TempDir Path dir) throws Exception {
        VerdictsTest.folder(dir);
        String html = Files.readString(Report.write(dir));
        ReportTest.assertSelfContained(dir, html);
        assertThat(html).contains("<h2>Did pruning pay?</h2>", "<b>Did pruning pay? </b>Yes, for 2 of 6 method budgets",
                "<h3>Accuracy over cumulative cost</h3>", "<p class=\"collapse\">Warning: aum:hard at 30% kept collapsed "
                        + "to 71% against random's 86% (lowest seed 85%): hardest examples only");
        // the infobatch row: 90.90 %, 6.0 s, 0.60× full, full:shorter 89.00 in 5.0 s, pays, saves 40 %, 4.5 s, R = 1,
        // on the frontier, and why
        assertThat(html).contains("<td>dynamic:infobatch:keep</td><td>50%</td><td>90.90</td><td>6.0</td><td>0.60</td>"
                + "<td>89.00 in 5.0</td><td class=\"up why\"><b>pays</b><div>matches full (−0.1 pt against full) at 0.60× "
                + "its cost</div></td><td class=\"two\">saves 40%<div>vs full</div></td><td>4.5 s</td><td>1</td><td>●</td>");
        // aum: marked as collapsed, never within 0.5 pt, never breaks even, dominated
        assertThat(html).contains("<tr class=\"collapsed\"><td>aum:hard</td>",
                "<b>does not pay, collapsed</b>", "<td class=\"two\">costs 383% more<div>vs full:shorter at 30%</div></td>"
                        + "<td>never</td><td>never</td><td></td>");
        // curves at 30% (aum) and 50% (infobatch, full:shorter); full's alone makes no chart of its own
        assertThat(Files.list(dir.resolve(Report.FILES)).map(f -> f.getFileName().toString()))
                .contains("curves-30.png", "curves-50.png").doesNotContain("curves-100.png");
    }


    @Test
    void aFolderFromBeforeCurvesAndFullShorterIsJudgedAgainstFullAndRenders(@TempDir Path dir) throws Exception {
        Path old = Path.of(PayoffReportTest.class.getResource("/dev/winnow/study/results/study-before-typed-records").toURI());
        Files.copy(old.resolve("study.json"), dir.resolve("study.json"));
        Files.copy(old.resolve("results.jsonl"), dir.resolve("results.jsonl"));
        Payoff p = Verdicts.analyse(StudyResults.read(dir));
        assertThat(p.hasShorter()).isFalse();
        assertThat(p.curves()).isEmpty();
        Verdict cal = p.verdicts().stream().filter(v -> v.method().startsWith("el2n")).findFirst().orElseThrow();
        // proxy 0.880811493 + scoring 0.014047183 = 0.894858676 paid once; selection 0.006466083 + training
        // 0.076036595 + evaluation 0.00081632 = 0.083318998 per target; full 0.166646198:
        // 0.894858676 / R ≤ 0.083327200 ⇔ R ≥ 10.74 → 11 (R = 10: 0.172805 > 0.166646)
        assertThat(cal.breakEven()).isEqualTo(OptionalInt.of(11));
        // 0.96 < 0.96666… − 0.005 and no full:shorter: it does not pay; uniform matches full (+0.0 pt) for less
        assertThat(cal.pays()).isFalse();
        assertThat(p.verdicts().stream().filter(v -> v.method().equals("dynamic:uniform:keep")).findFirst().orElseThrow()
                .why()).isEqualTo("matches full (+0.0 pt against full) at 0.13× its cost");
        String html = Files.readString(Report.write(dir));
        ReportTest.assertSelfContained(dir, html);
        assertThat(html).contains("No full:shorter runs in this study", "<b>Did pruning pay? </b>Yes, for 1 of 2 method budgets");
        assertThat(Files.list(dir.resolve(Report.FILES)).map(f -> f.getFileName().toString()))
                .noneMatch(f -> f.startsWith("curves-"));
    }
}
