package dev.cairn.exp;

import dev.cairn.format.PyJson;
import dev.cairn.metrics.Change;
import dev.cairn.metrics.Collector;
import dev.cairn.metrics.DiffResult;
import dev.cairn.metrics.Differ;
import dev.cairn.metrics.MetricsFormat;
import dev.cairn.metrics.RevisionResult;
import dev.cairn.metrics.TextTable;
import dev.cairn.revision.ProjectFilesLocator;
import dev.cairn.revision.RevisionFiles;
import dev.cairn.revision.Revisions;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The result of {@code exp diff}: the metrics and the params diffs between two revisions (each an
 * experiment, a Git revision or the workspace), in the shapes of {@code metrics diff} and {@code
 * params diff} (dvc-format.md §7.3).
 *
 * @param metrics the metrics diff, labelled with the revisions as given
 * @param params the params diff
 */
public record ExpDiff(DiffResult metrics, DiffResult params) {
  /** What {@code exp diff} prints where there is no numeric change. */
  public static final String DIFF_NOT_SUPPORTED = "diff not supported";

  /**
   * Compares {@code a} (at {@code aCommit}, or the workspace when null) with {@code b}.
   *
   * @param aLabel the name shown for the old side, as the user wrote it
   * @param all keep unchanged values
   */
  public static ExpDiff compute(Revisions revisions, ProjectFilesLocator locator, String aLabel, ObjectId aCommit,
      String bLabel, ObjectId bCommit, boolean all) throws IOException, dev.cairn.revision.UnknownRevisionException {
    RevisionFiles a = aCommit == null ? revisions.workspace() : revisions.at(aCommit.name());
    RevisionFiles b = bCommit == null ? revisions.workspace() : revisions.at(bCommit.name());
    RevisionResult am = Collector.metrics(aLabel, a, locator, List.of());
    RevisionResult bm = Collector.metrics(bLabel, b, locator, List.of());
    RevisionResult ap = Collector.params(aLabel, a, locator, List.of());
    RevisionResult bp = Collector.params(bLabel, b, locator, List.of());
    return new ExpDiff(Differ.diff(am, bm, all), Differ.diff(ap, bp, all));
  }

  /** DVC's {@code --json} object {@code {"metrics": {...}, "params": {...}}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metrics", metrics.toJson());
    m.put("params", params.toJson());
    return m;
  }

  /** The exact {@code --json} stdout text. */
  public String json(boolean tty) {
    return PyJson.dumps(toJson(), false, tty ? 2 : -1) + "\n";
  }

  /**
   * The metrics table ({@code Change} column): unlike {@code metrics diff}, which rounds to {@code
   * precision} decimals, DVC's {@code exp diff} prints floats with {@code precision} significant
   * digits ({@code 0.0037433}, not {@code 0.00374}), values and changes alike.
   */
  public TextTable metricsTable(boolean noPath, int precision) {
    Map<String, Map<String, Change>> formatted = new LinkedHashMap<>();
    metrics.diff().forEach((path, changes) -> {
      Map<String, Change> m = new LinkedHashMap<>();
      changes.forEach((k, c) -> m.put(k, new Change(significant(c.oldValue(), precision),
          significant(c.newValue(), precision), significant(c.diff(), precision))));
      formatted.put(path, m);
    });
    DiffResult d = new DiffResult(metrics.oldRevision(), metrics.newRevision(), formatted, metrics.oldResult(),
        metrics.newResult());
    return MetricsFormat.diffTable(d, MetricsFormat.DiffTableOptions.metrics(noPath, 0), DIFF_NOT_SUPPORTED);
  }

  /** Floats (also inside lists and maps) as {@code "{:.pg}"} text, as DVC's {@code _format_field}. */
  private static Object significant(Object v, int precision) {
    if (precision > 0 && (v instanceof Double || v instanceof Float)) {
      return PyFormat.g(((Number) v).doubleValue(), precision);
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, significant(x, precision)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(x -> significant(x, precision)).toList();
    }
    return v;
  }

  /**
   * The params table: unlike {@code params diff}, DVC's {@code exp diff} shows a {@code Change}
   * column here too; values are not rounded.
   */
  public TextTable paramsTable(boolean noPath) {
    return MetricsFormat.diffTable(params, new MetricsFormat.DiffTableOptions("Param", noPath, true, 0),
        DIFF_NOT_SUPPORTED);
  }

  /** The revisions whose metrics or params failed to load, old first. */
  public List<String> erroredRevisions() {
    java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(metrics.erroredRevisions());
    s.addAll(params.erroredRevisions());
    return List.copyOf(s);
  }
}
