package dev.cairn.workspace;

import dev.cairn.hash.EntryHash;
import dev.cairn.odb.Manifest;
import java.nio.file.Path;
import java.util.Map;

/**
 * A hashed workspace directory: its hash with meta, the manifest it was computed from, and the
 * absolute path of each manifest entry, as {@link WorkspaceHasher#hashDir(Path, dev.cairn.progress.ProgressMonitor)} returns it for
 * small directories (tests, tools). A file's hash is an {@link EntryHash} alone, and so is a
 * directory's on the data path: it never keeps a manifest (a directory of a million files would not
 * fit) but streams the entries ({@link WorkspaceHasher#hashDirDigest}, {@link
 * WorkspaceHasher#hashDir(Path, dev.cairn.progress.ProgressMonitor, WorkspaceHasher.EntryConsumer)}).
 *
 * @param hash the directory's {@code .dir} hash, size and file count
 * @param manifest the entries, in manifest order
 * @param files each entry's relpath → its absolute path in the workspace
 */
public record PathHash(EntryHash hash, Manifest manifest, Map<String, Path> files) {
  /** Total bytes of the directory's files. */
  public long size() {
    return hash.size();
  }

  /** Number of files in the directory. */
  public int nfiles() {
    return hash.nfiles().intValue();
  }
}
