package dev.cairn.repro;

import dev.cairn.pipeline.LockEntry;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.pipeline.RunCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;

/**
 * The run-cache on disk: {@code <cache>/runs/<key[0:2]>/<key>/<value>}, each file the stage's lock
 * entry as YAML. Entries are written to a temp file in the key's directory and renamed, so readers
 * never see a partial entry; the newest entry (by mtime) of a key wins on load, as in DVC.
 */
final class RunCacheStore {
  private final Path cacheDir;

  RunCacheStore(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  Path path(String key, String value) {
    return cacheDir.resolve(RunCache.relativePath(key, value));
  }

  /** Saves an entry; an existing entry with the same value is left as it is. */
  void save(LockEntry entry) throws IOException {
    String key = RunCache.key(entry);
    String value = RunCache.value(entry);
    Path target = path(key, value);
    if (Files.exists(target)) {
      return;
    }
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), "." + value.substring(0, 8), ".tmp");
    try {
      Files.writeString(tmp, RunCache.entryText(entry), StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * The newest readable entry saved under the key of {@code current} (whose outs need no hashes), or
   * null. Unreadable or invalid entries are passed over, as DVC does.
   */
  LockEntry load(LockEntry current) throws IOException {
    String key = RunCache.key(current);
    Path dir = cacheDir.resolve("runs").resolve(key.substring(0, 2)).resolve(key);
    if (!Files.isDirectory(dir)) {
      return null;
    }
    Path newest = null;
    FileTime newestTime = null;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.startsWith(".") || !Files.isRegularFile(p)) {
          continue;
        }
        FileTime t = Files.getLastModifiedTime(p);
        if (newest == null || t.compareTo(newestTime) > 0) {
          newest = p;
          newestTime = t;
        }
      }
    }
    if (newest == null) {
      return null;
    }
    try {
      LockEntry e = RunCache.parseEntry(Files.readString(newest, StandardCharsets.UTF_8), newest.toString());
      return key.equals(RunCache.key(e)) ? e : null;
    } catch (PipelineException e) {
      return null;
    }
  }
}
