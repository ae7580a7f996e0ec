/**
 * Draws {@link dev.cairn.plots.Plot}s with JFreeChart: {@link dev.cairn.plots.render.ChartRenderer}
 * builds one chart per plot (lines, smoothed lines, points, horizontal bars, confusion matrices as
 * heat maps with one panel per revision) and writes PNG and SVG; {@link
 * dev.cairn.plots.render.PlotsWriter} writes every plot plus one self-contained {@code index.html}.
 * Works headless ({@code java.awt.headless=true} is set when the class loads, unless the caller set
 * it); needs a font installed (fontconfig).
 */
package dev.cairn.plots.render;
