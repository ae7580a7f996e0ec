package dev.cairn.pipeline;

import java.util.Map;

/**
 * The recorded or current hash of a dep/out with its meta, as DVC stores it in a lock entry.
 *
 * @param name the hash key: {@code md5}, or {@code etag}/{@code checksum} for external deps
 * @param value the hash ({@code <md5>.dir} for directories)
 * @param size bytes, or null when unknown
 * @param nfiles files in a directory, null for files
 * @param isexec whether the file is executable (written only when true)
 * @param extra further keys in DVC order ({@code version_id}, {@code cloud}, {@code files}), usually empty
 */
public record HashInfo(String name, String value, Long size, Long nfiles, boolean isexec, Map<String, Object> extra) {
  public HashInfo {
    extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
  }

  /** An md5 hash of a file. */
  public static HashInfo md5(String value, long size) {
    return new HashInfo("md5", value, size, null, false, Map.of());
  }

  /** An md5 hash of a directory ({@code value} ends with {@code .dir}). */
  public static HashInfo dir(String value, long size, long nfiles) {
    return new HashInfo("md5", value, size, nfiles, false, Map.of());
  }

  /** Whether this is a directory hash. */
  public boolean isDir() {
    return value != null && value.endsWith(".dir");
  }

  /** Same hash (name and value), ignoring meta, as DVC compares hashes. */
  public boolean sameHash(HashInfo other) {
    return other != null && name.equals(other.name) && value != null && value.equals(other.value);
  }
}
