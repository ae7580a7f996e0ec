package dev.cairn.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one file held in one revision: either {@code data} (a nested map, or a scalar for a file
 * that holds a bare number/string) or an {@code error}. Exactly one of them is non-null.
 */
public record FileResult(Object data, ReadError error) {
  public FileResult {
    if ((data == null) == (error == null)) {
      throw new IllegalArgumentException("exactly one of data and error must be set");
    }
  }

  public static FileResult ofData(Object data) {
    return new FileResult(data, null);
  }

  public static FileResult ofError(ReadError error) {
    return new FileResult(null, error);
  }

  public boolean isError() {
    return error != null;
  }

  /** DVC's JSON form: {@code {"data": ...}} or {@code {"error": {...}}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (error != null) {
      m.put("error", error.toJson());
    } else {
      m.put("data", data);
    }
    return m;
  }
}
