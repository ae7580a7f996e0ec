package dev.cairn.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure to read one file or one revision, kept as a value: DVC prints it as {@code {"type":
 * ..., "msg": ...}} where {@code type} is the Python exception class name ({@code
 * FileNotFoundError}, {@code JSONFileCorruptedError}, {@code YAMLFileCorruptedError}, ...).
 */
public record ReadError(String type, String msg) {
  public ReadError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(msg, "msg");
  }

  /** A file that does not exist in the revision, worded as Python's {@code FileNotFoundError}. */
  public static ReadError notFound(String path) {
    return new ReadError("FileNotFoundError", "[Errno 2] No such file or directory: '" + path + "'");
  }

  /** DVC's JSON form, {@code {"type": ..., "msg": ...}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("msg", msg);
    return m;
  }
}
