package dev.cairn.pipeline;

import dev.cairn.hash.EntryHash;

/**
 * A dep or out in a lock entry.
 *
 * @param path the path exactly as written in {@code dvc.yaml} (relative to wdir, not normalised)
 * @param legacy a DVC 2 entry without the {@code hash: md5} marker (hashed with md5-dos2unix)
 * @param hash the recorded hash, or null when none was recorded
 */
public record LockItem(String path, boolean legacy, EntryHash hash) {
  /** A DVC 3 item. */
  public static LockItem of(String path, EntryHash hash) {
    return new LockItem(path, false, hash);
  }
}
