package dev.cairn.metrics;

import dev.cairn.format.PyRepr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DVC's {@code flatten} ({@code flatten_dict} with the dot reducer) and {@code format_dict}. */
public final class Flatten {
  private Flatten() {}

  /**
   * Flattens nested maps into {@code a.b.c} keys in iteration order. Non-map values are leaves
   * (lists included); empty maps vanish. Keys are Python {@code str()} of the original keys.
   */
  public static Map<String, Object> flatten(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    walk(null, map, out);
    return out;
  }

  private static void walk(String prefix, Map<?, ?> map, Map<String, Object> out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String k = PyRepr.str(e.getKey());
      String key = prefix == null ? k : prefix + "." + k;
      if (e.getValue() instanceof Map<?, ?> m) {
        walk(key, m, out);
      } else {
        out.put(key, e.getValue());
      }
    }
  }

  /** DVC's {@code format_dict}: lists (at any depth inside maps) become their Python {@code str()}. */
  public static Object formatLists(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, formatLists(x)));
      return out;
    }
    if (v instanceof List<?>) {
      return PyRepr.str(v);
    }
    return v;
  }
}
