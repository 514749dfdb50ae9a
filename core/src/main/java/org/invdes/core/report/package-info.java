/**
 * The run report: one self-contained HTML file describing a design run.
 *
 * <ul>
 *   <li>{@link org.invdes.core.report.Report} is the immutable model (settings, funnel,
 *       histograms, metrics, top candidates, notes), made with its builder.
 *   <li>{@link org.invdes.core.report.ReportAssembler} builds that model from what {@code invdes
 *       filter} wrote (kept and rejected tables), a training table and the JSON of {@code
 *       invdes evaluate}.
 *   <li>{@link org.invdes.core.report.Funnel} counts generated → valid → unique → novel → stable
 *       from the filter's columns; {@link org.invdes.core.report.Histogram} bins one property of
 *       several sets on shared bins; {@link org.invdes.core.report.Candidate} and {@link
 *       org.invdes.core.report.CellView} describe one candidate and its unit cell for the viewer.
 *   <li>{@link org.invdes.core.report.HtmlReport} writes the file: inline CSS, SVG and a small
 *       canvas viewer, no network resource, no timestamp, written atomically.
 * </ul>
 */
package org.invdes.core.report;
