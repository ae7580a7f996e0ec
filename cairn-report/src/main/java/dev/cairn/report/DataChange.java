package dev.cairn.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tracked output that differs between base and head, from the {@code .dvc} and {@code dvc.lock}
 * entries of both revisions.
 *
 * @param path the output, repo-relative; directories end with {@code /}
 * @param kind added, modified or deleted
 * @param oldHash the base's hash, empty when added
 * @param newHash the head's hash, empty when deleted
 * @param oldSize the base's size in bytes, {@code -1} when added or unknown
 * @param newSize the head's size in bytes, {@code -1} when deleted or unknown
 */
public record DataChange(String path, Kind kind, String oldHash, String newHash, long oldSize, long newSize) {
  /** How the output changed. */
  public enum Kind {
    /** Only in the head. */
    ADDED,
    /** In both, with different content. */
    MODIFIED,
    /** Only in the base. */
    DELETED;

    /** Lower-case name, as in DVC's {@code dvc diff}. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Checks for nulls. */
  public DataChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(oldHash, "oldHash");
    Objects.requireNonNull(newHash, "newHash");
  }

  /** The JSON form. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("change", kind.label());
    m.put("old", oldHash.isEmpty() ? null : Map.of("md5", oldHash, "size", oldSize));
    m.put("new", newHash.isEmpty() ? null : Map.of("md5", newHash, "size", newSize));
    return m;
  }
}
