package dev.cairn.workspace;

import dev.cairn.hash.Md5Set;
import dev.cairn.odb.ManifestWriter;
import dev.cairn.progress.ProgressMonitor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One pass over a directory: a {@link TreeWalk} in manifest order, merged with the directory's
 * {@link DirIndex}, with the files the index cannot answer hashed (or stored, for a commit) on a pool
 * of threads, their results taken back in order. Memory stays bounded: the walk holds the listings
 * on its current path, at most {@value #WINDOW} files are in flight, and the manifest and the new
 * index are written as streams.
 *
 * <p>While every file matches a trusted index entry and no entry is missing, nothing is formatted
 * or written: the directory's hash is the index's. At the first difference, the entries already
 * passed are replayed from the index into the manifest and the new index, and from there on every
 * entry goes to both. The new index is renamed into place at the end; a failure leaves the old one.
 */
final class DirScan {
  /** What is done with each file. */
  interface Work {
    /**
     * A file the index knows, unchanged since: returns the md5 to use, or null to treat it as
     * unknown ({@link #compute}). Runs on the scanning thread; must be cheap.
     */
    default String known(Path file, FileMeta meta, String md5) throws IOException {
      return md5;
    }

    /** Whether {@link #known} looks at the files the index knows; if not, their md5 is the index's. */
    default boolean checksKnown() {
      return false;
    }

    /** The md5 of a file the index does not know; may run on a worker thread. */
    String compute(Path file, FileMeta meta) throws IOException;
  }

  /** Receives every file with its md5, in manifest order, on the scanning thread. */
  interface Sink {
    void entry(String relpath, Path file, FileMeta meta, String md5) throws IOException;
  }

  /**
   * What a scan found.
   *
   * @param dirMd5 the {@code .dir} md5 (32 hex, no suffix)
   * @param size the bytes of all files
   * @param nfiles the number of files
   * @param bytesRead the bytes of the files that had to be hashed
   * @param hits files the index answered
   * @param misses files hashed
   */
  record Result(String dirMd5, long size, int nfiles, long bytesRead, long hits, long misses) {}

  /** Files in flight at most. */
  static final int WINDOW = 1024;

  private static final ExecutorService POOL = Executors.newFixedThreadPool(
      Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "cairn-hash");
        t.setDaemon(true);
        return t;
      });

  private final Path absDir;
  private final String relBase;
  private final TreeWalk walk;
  private final StateDb state; // null: no index read or written
  private final Work work;
  private final Sink sink;
  private final ProgressMonitor monitor;
  private final boolean computedByReading;
  private final boolean writeIndex;
  private final ManifestWriter given; // the caller's manifest: every entry, from the start
  private ManifestWriter own; // the scan's own, started at the first difference from the index
  private DirIndex old;
  private DirIndex.Cursor cursor;
  private boolean cursorValid;
  private DirIndex.Writer writer;
  private boolean dirty;
  private long scanStart;
  private final ArrayDeque<Slot> window = new ArrayDeque<>();
  private int walked;
  private int consumed;
  private long size;
  private long bytesRead;
  private long hits;
  private long misses;

  /** A file between the walk and its consumption. */
  private static final class Slot {
    final String rel;
    final byte[] relBytes;
    final Path dir;
    final String name;
    final FileMeta meta;
    Path path;
    String md5; // made from md5Hi, md5Lo only when needed, for files the index answered
    long md5Hi;
    long md5Lo;
    Future<String> pending;
    boolean computed;

    String md5() {
      if (md5 == null) {
        md5 = StateDb.hex(md5Hi, md5Lo);
      }
      return md5;
    }

    Slot(String rel, byte[] relBytes, Path dir, String name, FileMeta meta) {
      this.rel = rel;
      this.relBytes = relBytes;
      this.dir = dir;
      this.name = name;
      this.meta = meta;
    }

    Path path() {
      if (path == null) {
        path = dir.resolve(name);
      }
      return path;
    }
  }

  /**
   * @param absDir the directory, absolute and normalised
   * @param relBase its path relative to the repository root, for {@code .dvcignore}
   * @param state where the index is read and written; null for none (legacy hashes)
   * @param work what is done per file
   * @param sink receives every entry (may be null; then an unchanged tree is answered from the index alone)
   * @param manifest where the manifest goes entry by entry (may be null: the scan hashes it itself)
   * @param computedByReading whether {@link Work#compute} reads the workspace file (its entry is then
   *     not trusted later if the file's mtime says it may have changed while it was read)
   * @param writeIndex whether a new index is written when anything differs from the old one
   */
  DirScan(Path absDir, String relBase, DvcIgnore ignore, StateDb state, Work work, Sink sink, ManifestWriter manifest,
      boolean computedByReading, boolean writeIndex, ProgressMonitor monitor) {
    this.absDir = absDir;
    this.relBase = relBase;
    this.walk = new TreeWalk(absDir, relBase, ignore);
    this.state = state;
    this.work = work;
    this.sink = sink;
    this.given = manifest;
    this.computedByReading = computedByReading;
    this.writeIndex = writeIndex && state != null;
    this.monitor = monitor;
  }

  Result run() throws IOException {
    if (state != null) {
      scanStart = state.scanStart();
      old = state.dirIndex(absDir);
    }
    if (old != null && old.dirMd5() != null) {
      cursor = old.cursor();
      cursorValid = cursor.next();
    } else {
      old = null;
    }
    if (old == null) {
      dirty();
    }
    monitor.beginTask("Hashing " + (relBase.isEmpty() ? "." : relBase), old != null ? old.count() : ProgressMonitor.UNKNOWN);
    try {
      walk.walk(this::visit);
      if (cursorValid) {
        dirty(); // entries of files that are gone
      }
      while (!window.isEmpty()) {
        consume(window.poll());
      }
      String dirMd5;
      if (given != null) {
        String oid = given.finish();
        dirMd5 = oid.substring(0, oid.length() - 4);
      } else if (!dirty) {
        dirMd5 = HexFormat.of().formatHex(old.dirMd5());
      } else {
        String oid = own.finish();
        dirMd5 = oid.substring(0, oid.length() - 4);
      }
      if (writer != null) {
        writer.finish(HexFormat.of().parseHex(dirMd5), false);
      }
      if (state != null) {
        state.recordHits(hits, misses);
      }
      monitor.endTask();
      return new Result(dirMd5, size, consumed, bytesRead, hits, misses);
    } catch (IOException | RuntimeException | Error e) {
      for (Slot s : window) {
        if (s.pending != null) {
          s.pending.cancel(false);
        }
      }
      throw e;
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
  }

  /**
   * The tree differs from the index: the new index (and the scan's own manifest, unless the caller
   * gave one) start, with the entries consumed so far replayed from the old index (they all matched it).
   */
  private void dirty() throws IOException {
    if (dirty) {
      return;
    }
    dirty = true;
    if (given == null) {
      own = new ManifestWriter();
    }
    if (writeIndex) {
      writer = state.dirWriter(absDir);
    }
    if (consumed > 0 && (own != null || writer != null)) {
      DirIndex.Cursor replay = old.cursor();
      for (int i = 0; i < consumed; i++) {
        replay.next();
        if (own != null) {
          own.add(replay.rel(), StateDb.hex(replay.md5Hi, replay.md5Lo));
        }
        if (writer != null) {
          replay.copyTo(writer);
        }
      }
    }
  }

  private void visit(String rel, Path dir, String name, FileMeta meta) throws IOException {
    byte[] relBytes = rel.getBytes(StandardCharsets.UTF_8);
    Slot s = new Slot(rel, relBytes, dir, name, meta);
    walked++;
    boolean known = false;
    if (cursor != null) {
      while (cursorValid && cursor.compareRel(relBytes) < 0) {
        dirty(); // an entry whose file is gone
        cursorValid = cursor.next();
      }
      if (cursorValid && cursor.compareRel(relBytes) == 0) {
        if (cursor.matches(meta)) {
          known = true;
          s.md5Hi = cursor.md5Hi;
          s.md5Lo = cursor.md5Lo;
        }
        cursorValid = cursor.next();
      }
    }
    if (known && work.checksKnown()) {
      s.md5 = work.known(s.path(), meta, s.md5());
      known = s.md5 != null;
    }
    if (!known) {
      dirty();
      s.computed = true;
      Path path = s.path();
      s.pending = POOL.submit(() -> work.compute(path, meta));
    }
    window.add(s);
    if (window.size() >= WINDOW) {
      consume(window.poll());
    }
  }

  private void consume(Slot s) throws IOException {
    if (s.pending != null) {
      s.md5 = TreeWalk.take(s.pending, () -> "Interrupted while hashing " + s.path());
      s.pending = null;
      s.md5Hi = Md5Set.hi(s.md5);
      s.md5Lo = Md5Set.lo(s.md5);
    }
    if (monitor.isCancelled()) {
      throw new IOException("Cancelled");
    }
    consumed++;
    size += s.meta.size();
    if (s.computed) {
      misses++;
      bytesRead += s.meta.size();
    } else {
      hits++;
    }
    if (given != null) {
      given.add(s.rel, s.md5());
    }
    if (own != null) {
      own.add(s.rel, s.md5());
    }
    if (writer != null) {
      boolean untrusted = s.computed && computedByReading && s.meta.mtimeNs() >= scanStart;
      writer.add(s.relBytes, s.meta, s.md5Hi, s.md5Lo, untrusted ? DirIndex.SMUDGED : 0);
    }
    if (sink != null) {
      sink.entry(s.rel, s.path(), s.meta, s.md5());
    }
    monitor.update(1);
  }
}
