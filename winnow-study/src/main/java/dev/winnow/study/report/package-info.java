/**
 * The report of a study folder in parts: {@link dev.winnow.study.report.ReportModel} is what the report
 * says (sentences from {@link dev.winnow.study.report.Summary}, table rows,
 * {@link dev.winnow.study.report.NoiseDetection}, histograms, example picks, and the answer to "did pruning
 * pay?" from {@link dev.winnow.study.report.Verdicts}: a {@link dev.winnow.study.report.Payoff} of
 * {@link dev.winnow.study.report.Verdict}s against {@code full:shorter}, the {@link dev.winnow.study.report.Pareto}
 * frontier, {@link dev.winnow.study.report.CostCurve}s and {@link dev.winnow.study.report.Collapse}s), computed
 * once from {@link dev.winnow.study.StudyResults}; {@link dev.winnow.study.report.Charts} (XChart) and
 * {@link dev.winnow.study.report.ExampleGrids} (AWT images) draw it into PNG files through a
 * {@link dev.winnow.study.report.ReportOutput}, and {@link dev.winnow.study.report.ReportPage} renders it as HTML
 * through {@link dev.winnow.study.report.HtmlElement}, which escapes every text and attribute. The style
 * sheet is the classpath resource {@code report.css}. Nothing here needs a display or sets a global
 * property; {@link dev.winnow.study.Report#write} puts the parts together.
 */
package dev.winnow.study.report;
