package dev.cairn.registry;

import dev.cairn.hash.HashInfo;
import dev.cairn.transfer.TransferResult;
import java.util.Objects;

/**
 * What a source path became in a cache: the hash of the file or directory (its {@code .dir} and
 * every file object now in that cache) and the meta DVC records for it.
 *
 * @param hash the object's hash
 * @param size bytes of the file, or of all files of the directory
 * @param nfiles files of the directory, -1 for a file
 * @param isExec whether a single file is executable
 * @param transfer what was downloaded from remotes on the way
 */
public record Materialized(HashInfo hash, long size, int nfiles, boolean isExec, TransferResult transfer) {
  public Materialized {
    Objects.requireNonNull(hash);
    Objects.requireNonNull(transfer);
  }

  public boolean isDir() {
    return hash.isDir();
  }
}
