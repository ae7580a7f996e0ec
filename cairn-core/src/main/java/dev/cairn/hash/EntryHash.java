package dev.cairn.hash;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hash with its meta, as DVC records it for an output or dependency: the hash proper, which for
 * cached data names a cache object (see {@link #objectHash}), plus the size, file count and
 * executable bit DVC records beside it. The one type for it from {@code add} to {@code push}: the
 * workspace hasher and the cache committer return it, {@code .dvc} files ({@code
 * workspace.DvcFile}) and {@code dvc.lock} entries ({@code pipeline.LockFile}) read it from and
 * write it to their own field order, and the transfer reads the object it names. Only {@code md5}
 * hashes name cache objects; external deps record {@code etag} or {@code checksum}. Whether an
 * entry is legacy (DVC 2's {@code md5-dos2unix}, no {@code hash: md5} marker) is a property of the
 * entry, not of the hash: the key is {@code md5} either way.
 *
 * @param name the hash key: {@code md5}, or {@code etag}/{@code checksum} for external deps
 * @param value the hash ({@code <md5>.dir} for directories), or null when the key has no value
 * @param size bytes, or null when unknown
 * @param nfiles files in a directory, null for files
 * @param isexec whether the file is executable (written only when true)
 * @param extra further keys in DVC order ({@code version_id}, {@code cloud}, {@code files}), usually empty
 */
public record EntryHash(String name, String value, Long size, Long nfiles, boolean isexec, Map<String, Object> extra) {
  public EntryHash {
    extra = extra == null || extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  /** An md5 hash of a file. */
  public static EntryHash md5(String value, long size) {
    return new EntryHash(HashInfo.MD5, value, size, null, false, Map.of());
  }

  /** An md5 hash of a file, with its executable bit. */
  public static EntryHash file(String value, long size, boolean isexec) {
    return new EntryHash(HashInfo.MD5, value, size, null, isexec, Map.of());
  }

  /** An md5 hash of a directory ({@code value} ends with {@code .dir}). */
  public static EntryHash dir(String value, long size, long nfiles) {
    return new EntryHash(HashInfo.MD5, value, size, nfiles, false, Map.of());
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
   * {@code hash: md5} in its file), {@link HashInfo#MD5} otherwise; null when it is not a valid md5
   * value (an etag, a checksum, none).
   */
  public HashInfo objectHash(boolean legacy) {
    if (!HashInfo.MD5.equals(name) || !HashInfo.isValid(value)) {
      return null;
    }
    return new HashInfo(legacy ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5, value);
  }
}
