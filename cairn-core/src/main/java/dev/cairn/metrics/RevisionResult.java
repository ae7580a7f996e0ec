package dev.cairn.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics or params files of one revision ({@code files}, path → result, in collection order),
 * or an {@code error} when the revision as a whole could not be read (e.g. a malformed {@code
 * dvc.yaml}).
 */
public record RevisionResult(String revision, Map<String, FileResult> files, ReadError error) {
  public RevisionResult {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  public static RevisionResult ofFiles(String revision, Map<String, FileResult> files) {
    return new RevisionResult(revision, files, null);
  }

  public static RevisionResult ofError(String revision, ReadError error) {
    return new RevisionResult(revision, Map.of(), error);
  }

  /** Whether this revision or any of its files failed to load. */
  public boolean hasErrors() {
    return error != null || files.values().stream().anyMatch(FileResult::isError);
  }

  /** DVC's JSON form: {@code {"data": {path: {...}}}} or {@code {"error": {...}}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (error != null) {
      m.put("error", error.toJson());
      return m;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    files.forEach((k, v) -> data.put(k, v.toJson()));
    m.put("data", data);
    return m;
  }
}
