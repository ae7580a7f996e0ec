package dev.cairn.plots;

import dev.cairn.format.PyRepr;
import dev.cairn.metrics.ReadError;
import dev.cairn.revision.RevisionFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds the charts of {@code plots show} (one revision) and {@code plots diff} (several, overlaid):
 * collects the definitions of every revision (the first revision's props win, as DVC squashes
 * them), reads each data file once per revision, infers x/y as DVC's {@code VegaConverter} does
 * (no x: the row index named {@code step}; no y: the last column) and makes one series per revision
 * and y column. Problems become {@link PlotError}s; a plot with no data in any revision is still
 * returned so that its errors can be shown next to it.
 */
public final class PlotsCollector {
  private PlotsCollector() {}

  /** The name DVC gives the row index used as x when no x is set. */
  public static final String INDEX = "step";

  /**
   * Collects plots.
   *
   * @param revisions label → files, in display order ({@code "workspace"} first as DVC orders it)
   * @param locator where definitions come from, e.g. {@code PlotDefinitions::fromDvcYaml}
   * @param targets plot ids or data files to show (regular expressions matched at the start of an
   *     id, as DVC does); files that no definition covers are plotted with default props; empty
   *     means every defined plot
   */
  public static PlotsResult collect(Map<String, RevisionFiles> revisions, PlotDefinitions.Locator locator,
      List<String> targets) {
    List<PlotError> errors = new ArrayList<>();
    Map<String, PlotDefinition> defs = new LinkedHashMap<>();
    for (Map.Entry<String, RevisionFiles> rev : revisions.entrySet()) {
      try {
        for (PlotDefinition d : locator.locate(rev.getValue())) {
          defs.putIfAbsent(d.id(), d);
        }
      } catch (IOException | RuntimeException e) {
        errors.add(new PlotError(rev.getKey(), "dvc.yaml", null, new ReadError("YAMLSyntaxError",
            String.valueOf(e.getMessage()))));
      }
    }
    // a directory is expanded into its files; where a revision lacks it (its data not at hand),
    // its definition comes back whole: it is no plot of its own once another revision expanded it
    defs.values().removeIf(d -> !(d.y() instanceof Map) && defs.keySet().stream()
        .anyMatch(id -> id.startsWith(d.id() + "/")));
    List<PlotDefinition> selected = new ArrayList<>();
    for (PlotDefinition d : defs.values()) {
      if (targets.isEmpty() || targets.stream().anyMatch(t -> matches(t, d.id()))) {
        selected.add(d);
      }
    }
    RevisionFiles first = revisions.isEmpty() ? RevisionFiles.EMPTY : revisions.values().iterator().next();
    for (String t : targets) {
      String n = RevisionFiles.normalize(t);
      if (selected.stream().anyMatch(d -> d.id().equals(n) || d.files().contains(n) || d.id().startsWith(n + "/"))) {
        continue;
      }
      List<String> inside;
      try {
        inside = first.list(n);
      } catch (IOException e) {
        inside = List.of();
      }
      for (String f : inside.isEmpty() ? List.of(n) : inside) {
        selected.add(PlotDefinitions.withDvcLiveDefaults(PlotDefinition.ofFile(f)));
      }
    }
    Map<String, Map<String, PlotDataReader.Content>> cache = new HashMap<>();
    List<Plot> plots = new ArrayList<>();
    for (PlotDefinition d : selected) {
      plots.add(build(d, revisions, cache, errors));
    }
    return new PlotsResult(plots, errors);
  }

  private static boolean matches(String target, String id) {
    try {
      return Pattern.compile(target).matcher(id).lookingAt();
    } catch (PatternSyntaxException e) {
      return id.startsWith(target);
    }
  }

  /** An image plot: the file as it is in each revision that has it (DVC's image renderer). */
  private static Plot image(PlotDefinition d, Map<String, RevisionFiles> revisions, List<PlotError> errors) {
    List<PlotImage> images = new ArrayList<>();
    for (Map.Entry<String, RevisionFiles> rev : revisions.entrySet()) {
      try {
        java.util.Optional<byte[]> bytes = rev.getValue().read(d.id());
        if (bytes.isPresent()) {
          images.add(new PlotImage(rev.getKey(), d.id(), bytes.get()));
        } else {
          errors.add(new PlotError(rev.getKey(), d.id(), d.id(), ReadError.notFound(d.id())));
        }
      } catch (IOException | RuntimeException e) {
        errors.add(new PlotError(rev.getKey(), d.id(), d.id(), new ReadError("OSError", "unable to read: '" + d.id()
            + "', " + e.getMessage())));
      }
    }
    String title = d.title() != null ? d.title() : d.id();
    return new Plot(d.id(), ChartKind.IMAGE, title, "", "", List.of(), new ArrayList<>(revisions.keySet()), images);
  }

  private static Plot build(PlotDefinition d, Map<String, RevisionFiles> revisions,
      Map<String, Map<String, PlotDataReader.Content>> cache, List<PlotError> errors) {
    if (!(d.y() instanceof Map) && ChartKind.isImage(d.id())) {
      return image(d, revisions, errors);
    }
    ChartKind kind = d.kind();
    List<Series> series = new ArrayList<>();
    String inferredY = null;
    LinkedHashSet<String> xFields = new LinkedHashSet<>();
    for (Map.Entry<String, RevisionFiles> rev : revisions.entrySet()) {
      String revName = rev.getKey();
      Map<String, List<Map<String, Object>>> points = new LinkedHashMap<>();
      for (String f : d.files()) {
        PlotDataReader.Content c = cache.computeIfAbsent(revName, k -> new HashMap<>())
            .computeIfAbsent(f + "\0" + d.header(), k -> PlotDataReader.read(rev.getValue(), f, d.header()));
        if (c.error() != null) {
          errors.add(new PlotError(revName, d.id(), f, c.error()));
        } else {
          points.put(f, PlotDataReader.datapoints(c.value()));
        }
      }
      Map<String, List<String>> ys = ySpec(d, points);
      if (ys.isEmpty()) {
        continue;
      }
      if (inferredY == null && d.y() == null) {
        inferredY = ys.values().iterator().next().get(0);
      }
      int nSources = ys.values().stream().mapToInt(List::size).sum();
      for (Map.Entry<String, List<String>> y : ys.entrySet()) {
        List<Map<String, Object>> dps = points.get(y.getKey());
        if (dps == null) {
          continue;
        }
        for (String yField : y.getValue()) {
          String[] x = xFor(d, y.getKey());
          if (x[1] != null) {
            xFields.add(x[1]);
          }
          Series s = series(d, kind, revName, y.getKey(), yField, x, dps, points, nSources, ys.size(), errors);
          if (s != null) {
            series.add(s);
          }
        }
      }
    }
    String title = d.title() != null ? d.title() : d.id();
    if (xFields.isEmpty()) {
      xFields.addAll(xFieldsDeclared(d));
    }
    String xLabel = d.xLabel() != null ? d.xLabel() : xFields.isEmpty() ? INDEX
        : xFields.size() == 1 ? xFields.iterator().next() : "x";
    String yLabel = d.yLabel() != null ? d.yLabel() : yLabel(d, inferredY);
    List<String> revs = new ArrayList<>(revisions.keySet());
    return new Plot(d.id(), kind, title, xLabel, yLabel, series, revs);
  }

  /** The x fields {@code dvc.yaml} names (none when x is the row index). */
  private static List<String> xFieldsDeclared(PlotDefinition d) {
    Object x = d.x();
    List<String> out = new ArrayList<>();
    if (x instanceof Map<?, ?> m) {
      m.values().forEach(v -> out.add(String.valueOf(v instanceof List<?> l && !l.isEmpty() ? l.get(0) : v)));
    } else if (x != null) {
      out.add(String.valueOf(x));
    }
    return out.stream().distinct().toList();
  }

  private static String yLabel(PlotDefinition d, String inferred) {
    Object y = d.y();
    if (y instanceof String s) {
      return s;
    }
    if (y instanceof List<?>) {
      return "y";
    }
    if (y instanceof Map<?, ?> m) {
      LinkedHashSet<String> fields = new LinkedHashSet<>();
      m.values().forEach(v -> {
        if (v instanceof List<?> l) {
          l.forEach(x -> fields.add(String.valueOf(x)));
        } else {
          fields.add(String.valueOf(v));
        }
      });
      return fields.size() == 1 ? fields.iterator().next() : "y";
    }
    return inferred != null ? inferred : "y";
  }

  /** y file → y fields, DVC's {@code _infer_x_y}: no y means the last column of the plot's own file. */
  private static Map<String, List<String>> ySpec(PlotDefinition d, Map<String, List<Map<String, Object>>> points) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Object y = d.y();
    if (y instanceof Map<?, ?> m) {
      m.forEach((f, v) -> {
        List<String> fields = new ArrayList<>();
        if (v instanceof List<?> l) {
          l.forEach(x -> fields.add(String.valueOf(x)));
        } else {
          fields.add(String.valueOf(v));
        }
        out.put(String.valueOf(f), fields);
      });
    } else if (y instanceof List<?> l) {
      out.put(d.id(), l.stream().map(String::valueOf).toList());
    } else if (y != null) {
      out.put(d.id(), List.of(String.valueOf(y)));
    } else {
      List<Map<String, Object>> dps = points.get(d.id());
      if (dps != null && !dps.isEmpty() && !dps.get(0).isEmpty()) {
        List<String> keys = new ArrayList<>(dps.get(0).keySet());
        out.put(d.id(), List.of(keys.get(keys.size() - 1)));
      }
    }
    return out;
  }

  /** {x file, x field} for a y file; {null, null} means the row index. */
  private static String[] xFor(PlotDefinition d, String yFile) {
    Object x = d.x();
    if (x instanceof Map<?, ?> m) {
      Object f = m.containsKey(yFile) ? m.get(yFile) : null;
      String file = f != null ? yFile : String.valueOf(m.keySet().iterator().next());
      Object field = f != null ? f : m.values().iterator().next();
      if (field instanceof List<?> l && !l.isEmpty()) {
        field = l.get(0);
      }
      return new String[] {file, String.valueOf(field)};
    }
    if (x != null) {
      return new String[] {yFile, String.valueOf(x)};
    }
    return new String[] {null, null};
  }

  private static Series series(PlotDefinition d, ChartKind kind, String rev, String yFile, String yField, String[] x,
      List<Map<String, Object>> dps, Map<String, List<Map<String, Object>>> points, int nSources, int nFiles,
      List<PlotError> errors) {
    if (!dps.isEmpty() && !dps.get(0).containsKey(yField)) {
      errors.add(new PlotError(rev, d.id(), yFile, fieldNotFound(yField, dps.get(0))));
      return null;
    }
    List<Map<String, Object>> xdps = x[0] == null ? null : points.get(x[0]);
    if (x[0] != null && xdps == null) {
      return null;
    }
    if (xdps != null && !xdps.isEmpty() && !xdps.get(0).containsKey(x[1])) {
      errors.add(new PlotError(rev, d.id(), x[0], fieldNotFound(x[1], xdps.get(0))));
      return null;
    }
    if (xdps != null && xdps.size() != dps.size()) {
      errors.add(new PlotError(rev, d.id(), yFile, new ReadError("DvcException", "Cannot join '" + x[1]
          + "' from '" + x[0] + "' and '" + yField + "' from '" + yFile + "'. They have to have same length.")));
      return null;
    }
    List<Object> xs = new ArrayList<>();
    List<Object> ys = new ArrayList<>();
    int bad = 0;
    String firstBad = null;
    for (int i = 0; i < dps.size(); i++) {
      Object xv = xdps == null ? (Object) (long) i : xdps.get(i).get(x[1]);
      Object yv = dps.get(i).get(yField);
      if (kind.isConfusion()) {
        xs.add(PyRepr.str(xv));
        ys.add(PyRepr.str(yv));
        continue;
      }
      Double xn = number(xv);
      Double yn = number(yv);
      if (kind == ChartKind.BAR_HORIZONTAL) {
        if (xn == null || !Double.isFinite(xn)) {
          bad++;
          firstBad = firstBad == null ? PyRepr.str(xv) : firstBad;
          continue;
        }
        xs.add(xn);
        ys.add(PyRepr.str(yv));
        continue;
      }
      if (xn == null || yn == null || !Double.isFinite(xn) || !Double.isFinite(yn)) {
        bad++;
        firstBad = firstBad == null ? PyRepr.str(xn == null || !Double.isFinite(xn) ? xv : yv) : firstBad;
        continue;
      }
      xs.add(xn);
      ys.add(yn);
    }
    if (bad > 0) {
      errors.add(new PlotError(rev, d.id(), yFile, new ReadError("ValueError", bad + " of " + dps.size()
          + " points skipped: value '" + firstBad + "' is not a finite number")));
    }
    String name = rev;
    if (nSources > 1) {
      String file = yFile.substring(yFile.lastIndexOf('/') + 1);
      name = rev + ": " + (nFiles > 1 ? file + ": " : "") + yField;
    }
    return new Series(name, rev, yFile, yField, xs, ys);
  }

  private static ReadError fieldNotFound(String field, Map<String, Object> datapoint) {
    return new ReadError("FieldNotFoundError", "Could not find provided field ('" + field
        + "') in data fields ('" + String.join(", ", datapoint.keySet()) + "').");
  }

  /** A plot value as a number: numbers, bools, and strings that parse as Python floats; else null. */
  public static Double number(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      String t = s.strip();
      if (t.isEmpty() || !t.matches("[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?|inf|nan|infinity)")) {
        return null;
      }
      try {
        return Double.parseDouble(t.replace("infinity", "Infinity").replace("inf", "Infinity").replace("nan", "NaN"));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
