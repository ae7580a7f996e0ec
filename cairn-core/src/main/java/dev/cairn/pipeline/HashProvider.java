package dev.cairn.pipeline;

import dev.cairn.hash.EntryHash;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Current hashes of workspace paths and presence of objects in the local cache, supplied by the
 * workspace/odb layer (with its state cache) to the pure status and lock computations here.
 * Implementations must be safe to call from several threads.
 */
public interface HashProvider {
  /**
   * The current hash and meta of a file or directory.
   *
   * @param path absolute path in the workspace
   * @param legacy true to hash with DVC 2's md5-dos2unix (entries recorded without {@code hash: md5})
   * @return the hash ({@code md5}, {@code .dir} for directories, with size, nfiles, isexec), or null if
   *     the path does not exist or is ignored by {@code .dvcignore}
   */
  EntryHash hash(Path path, boolean legacy) throws IOException;

  /**
   * Whether the object (for a {@code .dir} hash: the manifest and every file object in it) is present
   * and intact in the local cache.
   *
   * @param legacy true for a legacy (DVC 2) object location
   */
  boolean inCache(EntryHash hash, boolean legacy) throws IOException;
}
