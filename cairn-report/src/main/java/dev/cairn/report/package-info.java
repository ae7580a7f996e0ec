/**
 * The pull-request report of {@code cairn report} and {@code cairn ci run}.
 *
 * <ul>
 *   <li>{@link dev.cairn.report.CairnYaml} reads Cairn's own settings from {@code cairn.yaml} at the
 *       repository root: gates, report defaults and the CI test command (DVC's files are never
 *       given keys of ours);
 *   <li>{@link dev.cairn.report.Gates} checks metric values of the head against thresholds and
 *       against the base revision;
 *   <li>{@link dev.cairn.report.ReportBuilder} gathers one {@link dev.cairn.report.Report}: gates,
 *       metrics and params diffs (DVC's shapes, from {@code dev.cairn.metrics}), changed plots drawn
 *       for both revisions, the JUnit test summary and the data changes;
 *   <li>{@link dev.cairn.report.ReportMarkdown} and {@link dev.cairn.report.Report#toJson()} render
 *       it. The Markdown stays under a size limit (GitHub's 65,536 characters by default).
 * </ul>
 *
 * <p>Nothing here uses the network or prints. Errors in {@code cairn.yaml} are {@link
 * dev.cairn.errors.CairnException}s of kind {@code INVALID_INPUT} whose one-line message names
 * the file and the key. Parameters and return values are never {@code null} unless said otherwise.
 */
package dev.cairn.report;
