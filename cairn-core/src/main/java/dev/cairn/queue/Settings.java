package dev.cairn.queue;

import dev.cairn.errors.CairnException;
import java.util.List;
import java.util.Map;

/**
 * Reading typed values out of a {@code cairn.yaml} section, with errors that name the file and the
 * key ({@code cairn.yaml: executors.slurm.cpus: expected …}). Public for the engine providers.
 */
public final class Settings {
  private Settings() {}

  /** The error for a bad value, one line. */
  public static CairnException bad(String label, String key, String problem) {
    return CairnException.invalidInput(label + ": " + key + ": " + problem);
  }

  /** A string value (numbers are taken as written), {@code def} when absent; blank is refused. */
  public static String string(Map<String, Object> m, String k, String def, String label, String prefix)
      throws CairnException {
    Object v = m.get(k);
    if (v == null) {
      return def;
    }
    if (v instanceof String s) {
      if (s.isBlank()) {
        throw bad(label, prefix + k, "expected a value, found an empty string");
      }
      return s.strip();
    }
    if (v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    throw bad(label, prefix + k, "expected a string, found " + describe(v));
  }

  /** A list of strings (a single string is a list of one), empty when absent. */
  public static List<String> strings(Map<String, Object> m, String k, String label, String prefix)
      throws CairnException {
    Object v = m.get(k);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof List<?> l) {
      java.util.ArrayList<String> out = new java.util.ArrayList<>();
      for (Object o : l) {
        if (!(o instanceof String || o instanceof Number) || String.valueOf(o).isBlank()) {
          throw bad(label, prefix + k, "expected a list of strings, found " + describe(o) + " in it");
        }
        out.add(String.valueOf(o));
      }
      return out;
    }
    throw bad(label, prefix + k, "expected a list of strings, found " + describe(v));
  }

  /** How a value is named in errors. */
  public static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof Map) {
      return "a mapping";
    }
    if (v instanceof List) {
      return "a list";
    }
    return v instanceof String ? "'" + v + "'" : String.valueOf(v);
  }
}
