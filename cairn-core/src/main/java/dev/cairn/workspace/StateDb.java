package dev.cairn.workspace;

import dev.cairn.format.CodePointOrder;
import dev.cairn.hash.Hashing;
import dev.cairn.hash.Md5Set;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state cache (dvc-format.md §9): remembers the md5 of files by their stat data ({@link
 * FileMeta}: device, inode, mtime in ns, size, mode), so a file whose stat did not change is never
 * read again. Binary files under {@code .dvc/tmp/cairn-index/}: one {@link DirIndex} per hashed
 * directory (named by a hash of its absolute path), and one for single files ({@code files}). They
 * are Cairn's own, machine-local state, never shared with DVC; each is written whole to a temp file
 * and renamed, and one that is missing, truncated, corrupt, of another version or of another path is
 * ignored (its files are hashed again and it is rewritten). Concurrent writers (a {@code status}
 * beside an {@code add}) can only lose each other's entries, which costs a re-hash, never a wrong
 * hash. If the directory cannot be written the state keeps what it learns in memory, for this
 * process only.
 *
 * <p>Single-file lookups are thread-safe; the single-file index is read at the first lookup and
 * written by {@link #flush()}.
 */
public final class StateDb implements AutoCloseable {
  /** The directory of the index files, under {@code .dvc/tmp}. */
  static final String DIR = "cairn-index";
  /** The pseudo-path the single-file index is written for. */
  private static final String FILES_KEY = "(single files)";

  private final Path dir; // null: nothing is read or written
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private Map<String, Known> known; // from disk, read at first use
  private final Map<String, Known> pending = new HashMap<>();
  private long scanStart = Long.MIN_VALUE;

  /** A file's recorded hash; {@code trusted} false when it must be hashed again (racily clean). */
  private record Known(FileMeta meta, long md5Hi, long md5Lo, boolean trusted) {}

  private StateDb(Path dir) {
    this.dir = dir;
  }

  /** The state of a repository whose {@code .dvc/tmp} is {@code tmpDir}. Never throws. */
  public static StateDb open(Path tmpDir) {
    return new StateDb(tmpDir.resolve(DIR));
  }

  /** A state that remembers only in memory (for tests and read-only situations). */
  public static StateDb disabled() {
    return new StateDb(null);
  }

  /** The cached md5 of a file if its stat data is still the recorded one and trusted, else null. */
  synchronized String get(Path file, FileMeta meta) {
    String key = key(file);
    Known k = pending.get(key);
    if (k == null) {
      k = loaded().get(key);
    }
    String md5 = k != null && k.trusted && k.meta.equals(meta) ? hex(k.md5Hi, k.md5Lo) : null;
    (md5 == null ? misses : hits).incrementAndGet();
    return md5;
  }

  /**
   * Remembers a file's hash; written by {@link #flush()}.
   *
   * @param read whether the hash was computed by reading the file (which may have been modified
   *     while it was read: then its mtime is at or after {@link #scanStart()} and it is not trusted
   *     later), rather than from bytes this process wrote
   */
  synchronized void put(Path file, FileMeta meta, String md5, boolean read) {
    boolean trusted = !read || meta.mtimeNs() < scanStart;
    pending.put(key(file), new Known(meta, Md5Set.hi(md5), Md5Set.lo(md5), trusted));
  }

  /**
   * The file system's time (ns) before the first file of this process was hashed: a file read
   * whose mtime is at or after it may have changed while it was read. Found once, from the mtime of
   * a file created in the state's directory; {@code Long.MIN_VALUE} (nothing trusted) when it cannot be.
   */
  synchronized long scanStart() {
    if (scanStart == Long.MIN_VALUE && dir != null) {
      try {
        Files.createDirectories(dir);
        Path probe = Files.createTempFile(dir, ".clock", ".tmp");
        try {
          scanStart = Files.getLastModifiedTime(probe).to(TimeUnit.NANOSECONDS);
        } finally {
          Files.deleteIfExists(probe);
        }
      } catch (IOException | RuntimeException e) {
        scanStart = Long.MIN_VALUE + 1; // nothing read is trusted
      }
    }
    return scanStart;
  }

  /** Counts a lookup answered from a directory index. */
  void recordHits(long hit, long miss) {
    hits.addAndGet(hit);
    misses.addAndGet(miss);
  }

  /** Lookups answered from the state since opening. */
  public long hits() {
    return hits.get();
  }

  /** Lookups that had to hash the file. */
  public long misses() {
    return misses.get();
  }

  /** Forgets files (after they were removed). */
  public synchronized void forget(List<Path> files) {
    for (Path f : files) {
      pending.remove(key(f));
    }
  }

  /** The index of the directory {@code absDir}, or null when there is none or it cannot be used. */
  DirIndex dirIndex(Path absDir) {
    return dir == null ? null : DirIndex.read(indexFile(absDir.toString()), absDir.toString());
  }

  /** A writer for a new index of {@code absDir}, or null when the state is not written. */
  DirIndex.Writer dirWriter(Path absDir) {
    if (dir == null) {
      return null;
    }
    try {
      return new DirIndex.Writer(indexFile(absDir.toString()), absDir.toString());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Whether every object of {@code dir} is known to be in {@code odb} still ({@link ObjectStamps}). */
  boolean objectsPresent(dev.cairn.odb.ObjectDb odb, dev.cairn.hash.HashInfo dir) {
    return this.dir != null && ObjectStamps.hold(this.dir, odb, dir);
  }

  /** Records that every object of {@code dir} was in {@code odb} while its prefix directories had the times {@code before}. */
  void recordObjectsPresent(dev.cairn.odb.ObjectDb odb, dev.cairn.hash.HashInfo dir, long[] before) {
    if (this.dir != null) {
      ObjectStamps.record(this.dir, odb, dir, before);
    }
  }

  /** Where the index of a directory is: its absolute path's md5. */
  Path indexFile(String absDir) {
    return dir.resolve("d-" + Hashing.md5Hex(absDir.getBytes(StandardCharsets.UTF_8)));
  }

  private Map<String, Known> loaded() {
    if (known == null) {
      known = readFiles();
    }
    return known;
  }

  private Map<String, Known> readFiles() {
    Map<String, Known> out = new HashMap<>();
    if (dir == null) {
      return out;
    }
    DirIndex idx = DirIndex.read(dir.resolve("files"), FILES_KEY);
    if (idx == null) {
      return out;
    }
    DirIndex.Cursor c = idx.cursor();
    while (c.next()) {
      FileMeta m = new FileMeta(c.dev, c.ino, c.mtimeNs, c.size, c.mode);
      boolean trusted = (c.flags & DirIndex.SMUDGED) == 0 && c.mtimeNs < idx.racyFrom();
      out.put(c.rel(), new Known(m, c.md5Hi, c.md5Lo, trusted));
    }
    return out;
  }

  /**
   * Writes what was learnt since the last flush, merged with what another process may have written
   * meanwhile. Failures are ignored: the state is only a cache.
   */
  public synchronized void flush() {
    if (pending.isEmpty()) {
      return;
    }
    if (dir == null) {
      loaded().putAll(pending);
      pending.clear();
      return;
    }
    Map<String, Known> merged = new TreeMap<>(CodePointOrder.INSTANCE); // code-point order = UTF-8 byte order
    merged.putAll(readFiles());
    merged.putAll(pending);
    try (DirIndex.Writer w = new DirIndex.Writer(dir.resolve("files"), FILES_KEY)) {
      for (Map.Entry<String, Known> e : merged.entrySet()) {
        Known k = e.getValue();
        w.add(e.getKey().getBytes(StandardCharsets.UTF_8), k.meta, k.md5Hi, k.md5Lo, k.trusted ? 0 : DirIndex.SMUDGED);
      }
      w.finish(null, true);
      known = null; // read again when needed: the written file decides what is trusted now
    } catch (IOException | RuntimeException e) {
      loaded().putAll(pending);
    }
    pending.clear();
  }

  private static String key(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }

  static String hex(long hi, long lo) {
    java.util.HexFormat f = java.util.HexFormat.of();
    return f.toHexDigits(hi) + f.toHexDigits(lo);
  }

  @Override
  public synchronized void close() {
    flush();
  }
}
