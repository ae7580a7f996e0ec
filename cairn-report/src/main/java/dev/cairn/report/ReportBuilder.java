package dev.cairn.report;

import dev.cairn.metrics.DiffResult;
import dev.cairn.metrics.MetricsFormat;
import dev.cairn.metrics.MetricsQueries;
import dev.cairn.plots.Plot;
import dev.cairn.plots.PlotDefinitions;
import dev.cairn.plots.PlotsQueries;
import dev.cairn.plots.PlotsResult;
import dev.cairn.plots.Series;
import dev.cairn.plots.render.PlotsWriter;
import dev.cairn.revision.CachedOutputs;
import dev.cairn.revision.DvcYamlScan;
import dev.cairn.revision.RevisionFiles;
import dev.cairn.revision.Revisions;
import dev.cairn.revision.UnknownRevisionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gathers a {@link Report} for a repository: head ({@code workspace} by default) against a base
 * revision. Single use, not thread-safe.
 *
 * <pre>{@code
 * Report r = new ReportBuilder(root, CairnYaml.load(root), "main").setImageDir(dir, "report_plots").build();
 * Files.writeString(dir.resolve("report.md"), ReportMarkdown.render(r));
 * }</pre>
 */
public final class ReportBuilder {
  private final Path root;
  private final CairnYaml config;
  private final String base;
  private String head = Revisions.WORKSPACE;
  private Path imageDir;
  private String imagePrefix = "";
  private String runUrl = "";
  private CachedOutputs cached = CachedOutputs.NONE;

  /**
   * @param root the repository root
   * @param config the settings (gates, test report directories, title)
   * @param base the base revision, e.g. {@code main}
   */
  public ReportBuilder(Path root, CairnYaml config, String base) {
    this.root = Objects.requireNonNull(root, "root");
    this.config = Objects.requireNonNull(config, "config");
    this.base = Objects.requireNonNull(base, "base");
  }

  /** The head revision; {@code workspace} by default. */
  public ReportBuilder setHead(String rev) {
    this.head = Objects.requireNonNull(rev, "rev");
    return this;
  }

  /**
   * Draws changed plots as PNG and SVG into {@code reportDir/subdir}, linked from the report as
   * {@code subdir/<plot>.png}. Without this, changed plots are listed but not drawn.
   */
  public ReportBuilder setImageDir(Path reportDir, String subdir) {
    this.imageDir = reportDir.resolve(subdir);
    this.imagePrefix = subdir.endsWith("/") ? subdir : subdir + "/";
    return this;
  }

  /** The CI run's web page, linked from the report. */
  public ReportBuilder setRunUrl(String url) {
    this.runUrl = Objects.requireNonNull(url, "url");
    return this;
  }

  /** Reads DVC-tracked metrics and plots that Git does not hold from the cache. */
  public ReportBuilder setCachedOutputs(CachedOutputs c) {
    this.cached = Objects.requireNonNull(c, "c");
    return this;
  }

  /**
   * Builds the report.
   *
   * @throws UnknownRevisionException when the base or head does not resolve
   * @throws IOException when files cannot be read or images cannot be written
   */
  public Report build() throws IOException, UnknownRevisionException {
    try (Revisions revs = Revisions.open(root, cached)) {
      RevisionFiles baseFiles = revs.at(base);
      RevisionFiles headFiles = revs.at(head);
      MetricsQueries q = new MetricsQueries(revs, new DvcYamlScan());
      DiffResult metrics = q.metricsDiff(base, head, List.of(), false);
      DiffResult params = q.paramsDiff(base, head, List.of(), false);
      List<String> warnings = new ArrayList<>();
      addWarning(warnings, MetricsFormat.erroredRevisionsMessage("metrics", metrics.erroredRevisions()));
      addWarning(warnings, MetricsFormat.erroredRevisionsMessage("params", params.erroredRevisions()));
      List<GateResult> gates = Gates.evaluate(config.gates(), MetricValues.of(metrics.newResult()),
          MetricValues.of(metrics.oldResult()));
      List<ChangedPlot> plots = plots(revs, warnings);
      TestSummary tests = JUnitReports.read(root, config.report().tests());
      List<DataChange> data = DataChanges.between(baseFiles, headFiles);
      String title = config.report().title().isEmpty() ? "Cairn report: " + head + " vs " + base : config.report().title();
      return new Report(title, base, head, gates, metrics, params, plots, tests, data, runUrl, List.of(), warnings);
    }
  }

  private static void addWarning(List<String> warnings, String w) {
    if (!w.isEmpty()) {
      warnings.add(w);
    }
  }

  private List<ChangedPlot> plots(Revisions revs, List<String> warnings) throws IOException, UnknownRevisionException {
    PlotsResult all = new PlotsQueries(revs, PlotDefinitions::fromDvcYaml).diff(List.of(base, head), List.of());
    List<Plot> changed = new ArrayList<>();
    for (Plot p : all.plots()) {
      if (changed(p)) {
        changed.add(p);
      }
    }
    all.errors().stream().filter(e -> changed.stream().anyMatch(p -> p.id().equals(e.plotId())))
        .forEach(e -> warnings.add("Plot " + e.describe()));
    List<ChangedPlot> out = new ArrayList<>();
    if (imageDir == null || changed.isEmpty()) {
      changed.forEach(p -> out.add(new ChangedPlot(p.id(), p.title(), "")));
      return out;
    }
    PlotsResult toDraw = new PlotsResult(changed, all.errors().stream()
        .filter(e -> changed.stream().anyMatch(p -> p.id().equals(e.plotId()))).toList());
    PlotsWriter.Output written = new PlotsWriter().write(toDraw, imageDir, "Cairn plots: " + head + " vs " + base);
    for (PlotsWriter.RenderedPlot r : written.plots()) {
      if (r.png() != null) {
        out.add(new ChangedPlot(r.plot().id(), r.plot().title(), imagePrefix + r.png().getFileName()));
        continue;
      }
      Map<String, String> images = new LinkedHashMap<>();
      for (String rev : List.of(base, head)) {
        for (int i = 0; i < r.images().size(); i++) {
          if (r.plot().images().get(i).revision().equals(rev)) {
            images.put(rev, imagePrefix + r.images().get(i).getFileName());
          }
        }
      }
      out.add(new ChangedPlot(r.plot().id(), r.plot().title(), "", images));
    }
    return out;
  }

  /**
   * Whether the base's series (an image plot: image) differ from the head's (a plot present on one
   * side only has changed).
   */
  private boolean changed(Plot p) {
    if (p.kind() == dev.cairn.plots.ChartKind.IMAGE) {
      Map<String, byte[]> byRev = new LinkedHashMap<>();
      p.images().forEach(i -> byRev.put(i.revision(), i.content()));
      byte[] a = byRev.get(base);
      byte[] b = byRev.get(head);
      return a == null || b == null || !java.util.Arrays.equals(a, b);
    }
    Map<String, List<Series>> byRev = new LinkedHashMap<>();
    for (Series s : p.series()) {
      byRev.computeIfAbsent(s.revision(), k -> new ArrayList<>()).add(s);
    }
    List<Series> a = byRev.getOrDefault(base, List.of());
    List<Series> b = byRev.getOrDefault(head, List.of());
    if (a.size() != b.size()) {
      return true;
    }
    for (int i = 0; i < a.size(); i++) {
      Series x = a.get(i);
      Series y = b.get(i);
      if (!x.xs().equals(y.xs()) || !x.ys().equals(y.ys()) || !Objects.equals(x.field(), y.field())) {
        return true;
      }
    }
    return false;
  }
}
