package dev.cairn.pipeline;

import dev.cairn.hash.EntryHash;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A {@link HashProvider} over a map of repo-relative paths. */
final class FakeHashes implements HashProvider {
  private final Path root;
  final Map<String, EntryHash> files = new HashMap<>();
  final Set<String> missingFromCache = new HashSet<>();

  FakeHashes(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  FakeHashes put(String path, EntryHash h) {
    files.put(path, h);
    return this;
  }

  @Override
  public EntryHash hash(Path path, boolean legacy) {
    return files.get(root.relativize(path).toString().replace('\\', '/'));
  }

  @Override
  public boolean inCache(EntryHash hash, boolean legacy) {
    return !missingFromCache.contains(hash.value());
  }
}
