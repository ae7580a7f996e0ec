package dev.cairn.workspace;

import dev.cairn.hash.HashInfo;
import dev.cairn.odb.Manifest;
import java.nio.file.Path;
import java.util.Map;

/**
 * The hash of a workspace path: a file, or a directory (its {@code .dir} hash). The commands of the
 * data path never keep a directory's manifest (a directory of a million files would not fit): their
 * results have {@code manifest} and {@code files} null, and the entries are streamed instead (see
 * {@link WorkspaceHasher#hashDir(Path, dev.cairn.progress.ProgressMonitor, WorkspaceHasher.EntryConsumer)}).
 * Only {@link WorkspaceHasher#hashDir(Path, dev.cairn.progress.ProgressMonitor)}, for callers that
 * want the whole manifest of a small directory, fills them.
 *
 * @param size bytes of the file, or total bytes of the directory's files
 * @param nfiles number of files of a directory, 0 for a file
 * @param isExec whether a file has its executable bit set
 * @param manifest a directory's manifest when it was kept, else null
 * @param files the absolute path of each manifest entry when the manifest was kept, else null
 */
public record PathHash(HashInfo hash, long size, int nfiles, boolean isExec, Manifest manifest, Map<String, Path> files) {
  /** A hash without a kept manifest. */
  public PathHash(HashInfo hash, long size, int nfiles, boolean isExec) {
    this(hash, size, nfiles, isExec, null, null);
  }

  public boolean isDir() {
    return hash.isDir();
  }
}
