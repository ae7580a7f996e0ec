package dev.cairn.repro;

import dev.cairn.pipeline.ParamsSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ParamsSource} that parses each params file once per (path, mtime, size, inode), so a
 * hundred stages tracking keys of one {@code params.yaml} parse it once, while a file rewritten by an
 * upstream stage is read again. Thread-safe.
 */
final class CachedParams implements ParamsSource {
  private record Key(Path path, long mtimeNs, long size, Object inode) {}

  private final ParamsSource delegate;
  private final Map<Key, Map<String, Object>> cache = new ConcurrentHashMap<>();

  CachedParams(ParamsSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public Map<String, Object> load(Path file) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
    Key k = new Key(file.toAbsolutePath().normalize(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
        a.size(), a.fileKey());
    Map<String, Object> m = cache.get(k);
    if (m == null) {
      m = delegate.load(file);
      if (m == null) {
        return null;
      }
      cache.put(k, m);
    }
    return m;
  }
}
