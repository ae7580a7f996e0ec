/**
 * Plots of a DVC project across revisions, as {@code plots show} and {@code plots diff} see them:
 * definitions from {@code dvc.yaml} ({@link dev.cairn.plots.PlotDefinitions}), data files read per
 * revision ({@link dev.cairn.plots.PlotDataReader}: JSON, YAML, CSV, TSV, DVCLive's files), and the
 * chart model ({@link dev.cairn.plots.Plot}) that a renderer draws. This package has no graphics
 * dependency: module {@code cairn-plots} renders the model to PNG, SVG and HTML.
 *
 * <p>Bad input (a missing file in one revision, malformed JSON/YAML, a field that is not there,
 * values that are not numbers) is reported per plot and revision in {@link
 * dev.cairn.plots.PlotsResult#errors()}, never thrown.
 */
package dev.cairn.plots;
