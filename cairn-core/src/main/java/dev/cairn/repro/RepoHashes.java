package dev.cairn.repro;

import dev.cairn.hash.EntryHash;
import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.ObjectDb;
import dev.cairn.pipeline.HashProvider;
import dev.cairn.progress.NullProgressMonitor;
import dev.cairn.workspace.OutputStatus;
import dev.cairn.workspace.WorkspaceHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pipeline package's {@link HashProvider} over the workspace hasher (state cache, {@code
 * .dvcignore}) and the object cache.
 */
final class RepoHashes implements HashProvider {
  private final Path root;
  private final WorkspaceHasher hasher;
  private final ObjectDb odb;

  RepoHashes(Path root, WorkspaceHasher hasher, ObjectDb odb) {
    this.root = root;
    this.hasher = hasher;
    this.odb = odb;
  }

  @Override
  public EntryHash hash(Path path, boolean legacy) throws IOException {
    if (!Files.exists(path)) {
      return null;
    }
    boolean dir = Files.isDirectory(path);
    Path abs = path.toAbsolutePath().normalize();
    if (abs.startsWith(root) && !abs.equals(root) && hasher.isIgnored(hasher.relativeToRoot(abs), dir)) {
      return null;
    }
    if (dir) {
      return legacy ? hasher.hashDirLegacy(abs, NullProgressMonitor.INSTANCE)
          : hasher.hashDirDigest(abs, NullProgressMonitor.INSTANCE);
    }
    EntryHash h = hasher.hashFile(abs);
    return legacy ? EntryHash.file(Hashing.dos2unixMd5(abs, Hashing.Dos2UnixRule.DVC2), h.size(), h.isexec()) : h;
  }

  @Override
  public boolean inCache(EntryHash hash, boolean legacy) throws IOException {
    HashInfo h = hash == null ? null : hash.objectHash(legacy);
    return h != null && OutputStatus.inCache(h, odb);
  }
}
