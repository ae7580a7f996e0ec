package dev.cairn.workspace;

import dev.cairn.hash.HashInfo;

/**
 * The hash of a workspace path: a file, or a directory (its {@code .dir} hash; the manifest itself
 * is not kept: a directory of a million files would not fit).
 *
 * @param size bytes of the file, or total bytes of the directory's files
 * @param nfiles number of files of a directory, 0 for a file
 * @param isExec whether a file has its executable bit set
 */
public record PathHash(HashInfo hash, long size, int nfiles, boolean isExec) {
  public boolean isDir() {
    return hash.isDir();
  }
}
