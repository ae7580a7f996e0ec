package dev.cairn.pipeline;

import dev.cairn.hash.HashInfo;
import java.util.Map;

/**
 * The recorded or current hash of a dep/out with its meta, as DVC stores it in a lock entry: the
 * hash proper, which for cached data is a {@link HashInfo} (see {@link #objectHash}), plus the
 * size, file count and executable bit DVC records beside it. Only {@code md5} hashes name cache
 * objects; external deps record {@code etag} or {@code checksum}.
 *
 * @param name the hash key: {@code md5}, or {@code etag}/{@code checksum} for external deps
 * @param value the hash ({@code <md5>.dir} for directories)
 * @param size bytes, or null when unknown
 * @param nfiles files in a directory, null for files
 * @param isexec whether the file is executable (written only when true)
 * @param extra further keys in DVC order ({@code version_id}, {@code cloud}, {@code files}), usually empty
 */
public record EntryHash(String name, String value, Long size, Long nfiles, boolean isexec, Map<String, Object> extra) {
  public EntryHash {
    extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
  }

  /** An md5 hash of a file. */
  public static EntryHash md5(String value, long size) {
    return new EntryHash("md5", value, size, null, false, Map.of());
  }

  /** An md5 hash of a directory ({@code value} ends with {@code .dir}). */
  public static EntryHash dir(String value, long size, long nfiles) {
    return new EntryHash("md5", value, size, nfiles, false, Map.of());
  }

  /** Whether this is a directory hash. */
  public boolean isDir() {
    return value != null && value.endsWith(".dir");
  }

  /** Same hash (name and value), ignoring meta, as DVC compares hashes. */
  public boolean sameHash(EntryHash other) {
    return other != null && name.equals(other.name) && value != null && value.equals(other.value);
  }

  /**
   * The cache object this hash names: {@link HashInfo#MD5_DOS2UNIX} for a {@code legacy} entry (no
   * {@code hash: md5} in the lock), {@link HashInfo#MD5} otherwise; null when it is not a valid md5
   * value (an etag, a checksum, none).
   */
  public HashInfo objectHash(boolean legacy) {
    if (!"md5".equals(name) || !HashInfo.isValid(value)) {
      return null;
    }
    return new HashInfo(legacy ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5, value);
  }
}
