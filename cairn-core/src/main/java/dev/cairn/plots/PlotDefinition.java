package dev.cairn.plots;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One plot as declared in {@code dvc.yaml}. {@code id} is the plot id (a data file path, or any
 * name when {@code y} maps files to columns); {@code files} are the repo-relative data files it
 * reads; {@code x} is null, a column, or file → column; {@code y} is null, a column, a list of
 * columns, or file → column(s) (file keys repo-relative). Null props take DVC's defaults.
 */
public record PlotDefinition(String id, List<String> files, Object x, Object y, String template,
    String title, String xLabel, String yLabel, boolean header) {
  public PlotDefinition {
    files = List.copyOf(files);
    x = copy(x);
    y = copy(y);
  }

  private static Object copy(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), val instanceof List<?> l ? List.copyOf(l) : val));
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof List<?> l) {
      return List.copyOf(l);
    }
    return v;
  }

  /** A plot of one data file with every property defaulted. */
  public static PlotDefinition ofFile(String path) {
    return new PlotDefinition(path, List.of(path), null, null, null, null, null, null, true);
  }

  /** The chart kind its template maps to. */
  public ChartKind kind() {
    return ChartKind.forTemplate(template);
  }
}
