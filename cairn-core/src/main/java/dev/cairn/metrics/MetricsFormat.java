package dev.cairn.metrics;

import dev.cairn.format.PyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns results into DVC's output shapes: the {@code metrics show} JSON and table ({@code
 * dvc/compare.py} {@code metrics_table}) and the diff table of {@code metrics diff} / {@code params
 * diff} ({@code diff_table}). Pure functions of their inputs.
 */
public final class MetricsFormat {
  private MetricsFormat() {}

  /** DVC's default {@code --precision} for metrics. */
  public static final int DEFAULT_PRECISION = 5;

  /**
   * The precision DVC uses for a {@code --precision} argument: {@code args.precision or 5}, so an
   * absent or zero value means {@value #DEFAULT_PRECISION}.
   */
  public static int effectivePrecision(Integer argument) {
    return argument == null || argument == 0 ? DEFAULT_PRECISION : argument;
  }

  /** The missing-value cell. */
  public static final String MISSING = "-";

  /** {@code metrics show --json} (or {@code params show --json}) stdout: revision → result. */
  public static String showJson(Map<String, RevisionResult> results, boolean tty) {
    Map<String, Object> out = new LinkedHashMap<>();
    results.forEach((rev, r) -> out.put(rev, r.toJson()));
    return PyJson.dumps(out, false, tty ? 2 : -1) + "\n";
  }

  /**
   * The {@code metrics show} table: {@code Revision} (only when {@code showRevision}, i.e. with
   * {@code -a/-T/-A}), {@code Path}, then every flattened metric sorted, {@code -} where missing.
   * One row per file; a file that failed gets a row of {@code -}; a failed revision gets none.
   */
  public static TextTable showTable(Map<String, RevisionResult> results, boolean showRevision, int precision) {
    List<Map<String, String>> rows = new ArrayList<>();
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    results.forEach((rev, r) -> r.files().forEach((path, f) -> {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("Revision", rev);
      row.put("Path", path);
      Object data = f.isError() ? Map.of() : Flatten.formatLists(f.data());
      Map<String, Object> flat = data instanceof Map<?, ?> m ? Flatten.flatten(m) : Map.of("", data);
      flat.forEach((k, v) -> {
        keys.add(k);
        row.put("\0" + k, PyValues.formatField(v, precision));
      });
      rows.add(row);
    }));
    List<String> metricKeys = Differ.sortedKeys(keys);
    List<String> headers = new ArrayList<>();
    if (showRevision) {
      headers.add("Revision");
    }
    headers.add("Path");
    headers.addAll(metricKeys);
    List<List<String>> cells = new ArrayList<>();
    for (Map<String, String> row : rows) {
      List<String> line = new ArrayList<>();
      if (showRevision) {
        line.add(row.get("Revision"));
      }
      line.add(row.get("Path"));
      for (String k : metricKeys) {
        line.add(row.getOrDefault("\0" + k, MISSING));
      }
      cells.add(line);
    }
    return new TextTable(headers, cells);
  }

  /** Options of the diff table. */
  public record DiffTableOptions(String title, boolean noPath, boolean showChanges, int precision) {
    /** {@code metrics diff}: title {@code Metric}, a {@code Change} column, floats rounded to {@code precision}. */
    public static DiffTableOptions metrics(boolean noPath, int precision) {
      return new DiffTableOptions("Metric", noPath, true, precision);
    }

    /** {@code params diff}: title {@code Param}, no {@code Change} column, no rounding. */
    public static DiffTableOptions params(boolean noPath) {
      return new DiffTableOptions("Param", noPath, false, 0);
    }
  }

  /**
   * The diff table: {@code Path | <title> | <old rev> | <new rev> | Change}, rows grouped by path
   * (sorted) with keys sorted; {@code -} for a missing side or a non-numeric change.
   */
  public static TextTable diffTable(DiffResult diff, DiffTableOptions o) {
    return diffTable(diff, o, MISSING);
  }

  /**
   * The diff table with {@code onEmptyDiff} in the {@code Change} column where there is no numeric
   * change ({@code exp diff} prints {@code "diff not supported"}).
   */
  public static TextTable diffTable(DiffResult diff, DiffTableOptions o, String onEmptyDiff) {
    List<String> headers = new ArrayList<>();
    if (!o.noPath()) {
      headers.add("Path");
    }
    headers.add(o.title());
    headers.add(diff.oldRevision());
    headers.add(diff.newRevision());
    if (o.showChanges()) {
      headers.add("Change");
    }
    List<List<String>> rows = new ArrayList<>();
    diff.diff().forEach((path, changes) -> changes.forEach((key, c) -> {
      List<String> row = new ArrayList<>();
      if (!o.noPath()) {
        row.add(path);
      }
      row.add(key);
      row.add(cell(c.oldValue(), o.precision()));
      row.add(cell(c.newValue(), o.precision()));
      if (o.showChanges()) {
        row.add(c.diff() == null ? onEmptyDiff : cell(c.diff(), o.precision()));
      }
      rows.add(row);
    }));
    return new TextTable(headers, rows);
  }

  private static String cell(Object v, int precision) {
    return v == null ? MISSING : PyValues.formatField(v, precision);
  }

  /**
   * The warning DVC prints when some revisions failed to load, in DVC's words with Cairn's name
   * ({@code Cairn failed to load some metrics for following revisions: 'HEAD'.}), or empty; the
   * unnamed workspace revision of {@code metrics show} is {@code workspace}.
   */
  public static String erroredRevisionsMessage(String what, List<String> revisions) {
    if (revisions.isEmpty()) {
      return "";
    }
    List<String> names = revisions.stream().map(r -> r.isEmpty() ? "workspace" : r).toList();
    return "Cairn failed to load some " + what + " for following revisions: '" + String.join(", ", names) + "'.";
  }
}
