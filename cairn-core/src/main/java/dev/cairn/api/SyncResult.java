package dev.cairn.api;

import dev.cairn.transfer.TransferResult;
import java.util.List;

/**
 * The result of a push or fetch.
 *
 * @param objects cache objects transferred, already present, failed (over every remote used)
 * @param runCache run-cache entries copied ({@link TransferResult#empty()} without {@code --run-cache})
 * @param remotes the remotes used, in order
 */
public record SyncResult(TransferResult objects, TransferResult runCache, List<String> remotes) {
  public SyncResult {
    remotes = List.copyOf(remotes);
  }

  /** Whether nothing failed. */
  public boolean isOk() {
    return objects.isOk() && runCache.isOk();
  }
}
