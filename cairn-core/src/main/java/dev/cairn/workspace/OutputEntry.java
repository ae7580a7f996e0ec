package dev.cairn.workspace;

import dev.cairn.hash.EntryHash;
import dev.cairn.hash.HashInfo;

/**
 * A typed, read-only view of an output entry of a {@code .dvc} file (or of a {@code dvc.lock}
 * output in the same shape, see {@link Tracked}): its recorded hash with meta and the flags that
 * decide what is cached and pushed. Read by {@link DvcFile#entry}.
 *
 * @param path the path as written (relative to the file's wdir)
 * @param hash the recorded hash with its meta, or null when the entry records no hash
 * @param legacy a DVC 2 entry (no {@code hash: md5}): its objects are {@link HashInfo#MD5_DOS2UNIX}
 * @param cache false for {@code cache: false}
 * @param push false for {@code push: false}
 * @param remote the {@code remote:} the output goes to, or null for the default
 */
public record OutputEntry(String path, EntryHash hash, boolean legacy, boolean cache, boolean push, String remote) {
  /**
   * The cache object the entry names, or null when it records no valid md5 hash. Each call builds
   * the value anew: callers keep it.
   */
  public HashInfo object() {
    return hash == null ? null : hash.objectHash(legacy);
  }

  /** Whether the recorded file is executable. */
  public boolean isExec() {
    return hash != null && hash.isexec();
  }
}
