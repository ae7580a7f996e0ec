package dev.cairn.metrics;

import dev.cairn.format.CodePointOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two revisions' metrics or params as DVC's {@code dvc/utils/diff.py}: lists become their
 * Python {@code str()}, maps are flattened with dots, Python equality decides "unchanged", and a
 * {@code diff} is given for two numbers. Files that failed to load count as missing.
 */
public final class Differ {
  private Differ() {}

  /** Sentinel DVC uses for keys of a file whose other side is not a map. */
  static final String UNABLE_TO_PARSE = "unable to parse";

  /** Diffs {@code oldResult} against {@code newResult}; with {@code all}, unchanged keys are kept. */
  public static DiffResult diff(RevisionResult oldResult, RevisionResult newResult, boolean all) {
    Map<String, Map<String, Change>> out = new TreeMap<>(CodePointOrder.INSTANCE);
    LinkedHashSet<String> paths = new LinkedHashSet<>(oldResult.files().keySet());
    paths.addAll(newResult.files().keySet());
    for (String path : paths) {
      Object o = Flatten.formatLists(dataOf(oldResult, path));
      Object n = Flatten.formatLists(dataOf(newResult, path));
      Map<String, Change> changes = diffFile(o, n, all);
      if (!changes.isEmpty()) {
        out.put(path, changes);
      }
    }
    return new DiffResult(oldResult.revision(), newResult.revision(), out, oldResult, newResult);
  }

  private static Object dataOf(RevisionResult r, String path) {
    FileResult f = r.files().get(path);
    return f == null || f.isError() ? new LinkedHashMap<>() : f.data();
  }

  private static Map<String, Change> diffFile(Object o, Object n, boolean all) {
    Map<String, Change> out = new TreeMap<>(CodePointOrder.INSTANCE);
    if (o instanceof Map || n instanceof Map) {
      Map<String, Object> of = flat(o);
      Map<String, Object> nf = flat(n);
      LinkedHashSet<String> keys = new LinkedHashSet<>(of.keySet());
      keys.addAll(nf.keySet());
      for (String k : keys) {
        Change c = diffValues(lookup(o, of, k), lookup(n, nf, k), all);
        if (c != null) {
          out.put(k, c);
        }
      }
      return out;
    }
    Change c = diffValues(o, n, all);
    if (c != null) {
      out.put("", c);
    }
    return out;
  }

  private static Map<String, Object> flat(Object v) {
    return v instanceof Map<?, ?> m && !m.isEmpty() ? Flatten.flatten(m) : Map.of();
  }

  private static Object lookup(Object side, Map<String, Object> flat, String key) {
    if (!PyValues.truthy(side)) {
      return null;
    }
    if (side instanceof Map) {
      return flat.get(key);
    }
    return UNABLE_TO_PARSE;
  }

  private static Change diffValues(Object o, Object n, boolean all) {
    if (!all && PyValues.equal(o, n)) {
      return null;
    }
    Object d = PyValues.isNumber(o) && PyValues.isNumber(n) ? PyValues.subtract(n, o) : null;
    return new Change(o, n, d);
  }

  /** All keys of a flattened map, sorted, for table columns. */
  static List<String> sortedKeys(Iterable<String> keys) {
    TreeSet<String> s = new TreeSet<>(CodePointOrder.INSTANCE);
    keys.forEach(s::add);
    return new ArrayList<>(s);
  }
}
