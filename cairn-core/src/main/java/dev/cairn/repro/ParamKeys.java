package dev.cairn.repro;

import java.util.List;
import java.util.Map;

/** Dotted params keys ({@code train.lr}, list items by index) looked up in a parsed params file. */
final class ParamKeys {
  private ParamKeys() {}

  static boolean present(Map<String, Object> file, String key) {
    if (file == null) {
      return false;
    }
    if (file.containsKey(key)) {
      return true;
    }
    Object cur = file;
    for (String part : key.split("\\.", -1)) {
      if (cur instanceof Map<?, ?> m && m.containsKey(part)) {
        cur = m.get(part);
      } else if (cur instanceof List<?> l && part.matches("\\d+") && Integer.parseInt(part) < l.size()) {
        cur = l.get(Integer.parseInt(part));
      } else {
        return false;
      }
    }
    return true;
  }
}
