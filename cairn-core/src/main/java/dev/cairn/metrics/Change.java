package dev.cairn.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One changed (or, with {@code --all}, unchanged) key: {@code oldValue}/{@code newValue} are
 * {@code null} when the key is missing on that side; {@code diff} is {@code newValue - oldValue}
 * when both are numbers and {@code null} otherwise (then DVC omits the {@code "diff"} key).
 */
public record Change(Object oldValue, Object newValue, Object diff) {
  /** DVC's JSON form {@code {"old": ..., "new": ..., "diff": ...}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("old", oldValue);
    m.put("new", newValue);
    if (diff != null) {
      m.put("diff", diff);
    }
    return m;
  }
}
