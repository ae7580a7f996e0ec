package dev.cairn.plots;

import java.util.List;

/**
 * One chart to draw: its id (also the output file stem), kind, title and axis labels, and one
 * {@link Series} per revision (and y column), revisions in the order asked. An image plot ({@link
 * ChartKind#IMAGE}) has no series but one {@link PlotImage} per revision that has the file.
 */
public record Plot(String id, ChartKind kind, String title, String xLabel, String yLabel, List<Series> series,
    List<String> revisions, List<PlotImage> images) {
  public Plot {
    series = List.copyOf(series);
    revisions = List.copyOf(revisions);
    images = List.copyOf(images);
  }

  /** A chart of data series (no images). */
  public Plot(String id, ChartKind kind, String title, String xLabel, String yLabel, List<Series> series,
      List<String> revisions) {
    this(id, kind, title, xLabel, yLabel, series, revisions, List.of());
  }

  /** A file-name-safe stem for this plot's images: the id with separators and odd characters as {@code _}. */
  public String fileStem() {
    String s = id.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[._]+", "");
    return s.isEmpty() ? "plot" : s;
  }
}
