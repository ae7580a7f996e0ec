package dev.cairn.plots.render;

import dev.cairn.plots.ChartKind;
import dev.cairn.plots.Plot;
import dev.cairn.plots.PlotImage;
import dev.cairn.plots.PlotError;
import dev.cairn.plots.PlotsResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes every plot of a {@link PlotsResult} as {@code <stem>.png} and {@code <stem>.svg} into an
 * output directory, plus {@code index.html}: one self-contained page (no scripts, no network) that
 * embeds each SVG as a data URI, with the problems met listed under the plot they concern. An image
 * plot is written as it is, once per revision ({@code <name>_<revision>.<ext>}), and shown on the
 * page with its revision under each copy, as DVC shows image plots. Files are written to a
 * temporary name and moved into place.
 */
public final class PlotsWriter {
  private final ChartRenderer renderer = new ChartRenderer();

  /**
   * One written plot.
   *
   * @param png the chart as PNG; null for an image plot
   * @param svg the chart as SVG; null for an image plot
   * @param images an image plot's copies, one per revision that has it, in revision order
   */
  public record RenderedPlot(Plot plot, Path png, Path svg, List<Path> images) {
    public RenderedPlot {
      images = List.copyOf(images);
    }

    /** A chart. */
    public RenderedPlot(Plot plot, Path png, Path svg) {
      this(plot, png, svg, List.of());
    }

    /** What to show a person: the PNG of a chart, the copies of an image. */
    public List<Path> files() {
      return png == null ? images : List.of(png);
    }
  }

  /** Everything written: the plots in order and the HTML page. */
  public record Output(List<RenderedPlot> plots, Path html) {}

  /**
   * Renders all plots into {@code outDir} (created if needed).
   *
   * @param pageTitle the HTML page's title, e.g. {@code "Cairn plots: workspace vs main"}
   */
  public Output write(PlotsResult result, Path outDir, String pageTitle) throws IOException {
    Files.createDirectories(outDir);
    List<RenderedPlot> out = new ArrayList<>();
    List<String> svgs = new ArrayList<>();
    Set<String> stems = new HashSet<>();
    for (Plot p : result.plots()) {
      if (p.kind() == ChartKind.IMAGE) {
        List<Path> copies = new ArrayList<>();
        for (PlotImage img : p.images()) {
          String base = p.fileStem();
          if (base.toLowerCase(java.util.Locale.ROOT).endsWith(img.extension())) {
            base = base.substring(0, base.length() - img.extension().length());
          }
          base = base + "_" + safe(img.revision());
          String name = base;
          for (int i = 2; !stems.add(name + img.extension()); i++) {
            name = base + "-" + i;
          }
          Path file = outDir.resolve(name + img.extension());
          writeAtomically(file, img.content());
          copies.add(file);
        }
        svgs.add(null);
        out.add(new RenderedPlot(p, null, null, copies));
        continue;
      }
      String stem = p.fileStem();
      for (int i = 2; !stems.add(stem); i++) {
        stem = p.fileStem() + "-" + i;
      }
      Path png = outDir.resolve(stem + ".png");
      Path svg = outDir.resolve(stem + ".svg");
      writeAtomically(png, renderer.png(p));
      String svgText = renderer.svg(p);
      writeAtomically(svg, svgText.getBytes(StandardCharsets.UTF_8));
      svgs.add(svgText);
      out.add(new RenderedPlot(p, png, svg));
    }
    Path html = outDir.resolve("index.html");
    writeAtomically(html, html(pageTitle, result, svgs).getBytes(StandardCharsets.UTF_8));
    return new Output(out, html);
  }

  /** A revision name as part of a file name. */
  private static String safe(String revision) {
    String s = revision.replaceAll("[^A-Za-z0-9._-]+", "_");
    return s.isEmpty() ? "rev" : s;
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The HTML page for already rendered SVG documents (one per plot, same order). */
  static String html(String title, PlotsResult result, List<String> svgs) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(esc(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#222;background:#fafafa}\n")
        .append("h1{font-size:22px}section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;")
        .append("padding:12px 16px;margin:0 0 20px;display:inline-block;vertical-align:top}\n")
        .append("h2{font-size:15px;font-family:monospace;margin:0 0 8px}img{max-width:100%;height:auto}\n")
        .append("figure{display:inline-block;margin:0 12px 0 0}figcaption{font-family:monospace;font-size:13px}\n")
        .append("ul.errors{color:#a33;font-size:13px;margin:8px 0 0;padding-left:18px}\n")
        .append("</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
    if (result.plots().isEmpty()) {
      sb.append("<p>No plots.</p>\n");
    }
    for (int i = 0; i < result.plots().size(); i++) {
      Plot p = result.plots().get(i);
      sb.append("<section id=\"").append(esc(p.fileStem())).append("\">\n<h2>").append(esc(p.id())).append("</h2>\n");
      if (p.kind() == ChartKind.IMAGE) {
        for (PlotImage img : p.images()) {
          sb.append("<figure><img alt=\"").append(esc(p.title() + " (" + img.revision() + ")"))
              .append("\" src=\"data:").append(img.mimeType()).append(";base64,")
              .append(Base64.getEncoder().encodeToString(img.content())).append("\"><figcaption>")
              .append(esc(img.revision())).append("</figcaption></figure>\n");
        }
      } else {
        sb.append("<img alt=\"").append(esc(p.title())).append("\" src=\"data:image/svg+xml;base64,")
            .append(Base64.getEncoder().encodeToString(svgs.get(i).getBytes(StandardCharsets.UTF_8)))
            .append("\">\n");
      }
      List<PlotError> errs = result.errors().stream().filter(e -> e.plotId().equals(p.id())).toList();
      appendErrors(sb, errs);
      sb.append("</section>\n");
    }
    List<PlotError> other = result.errors().stream()
        .filter(e -> result.plots().stream().noneMatch(p -> p.id().equals(e.plotId()))).toList();
    if (!other.isEmpty()) {
      sb.append("<section>\n<h2>Other problems</h2>\n");
      appendErrors(sb, other);
      sb.append("</section>\n");
    }
    return sb.append("</body>\n</html>\n").toString();
  }

  private static void appendErrors(StringBuilder sb, List<PlotError> errs) {
    if (errs.isEmpty()) {
      return;
    }
    sb.append("<ul class=\"errors\">\n");
    for (PlotError e : errs) {
      sb.append("<li>").append(esc(e.describe())).append("</li>\n");
    }
    sb.append("</ul>\n");
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
