package dev.cairn.odb;

import dev.cairn.hash.HashInfo;
import dev.cairn.internal.Flock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A group of inserts made durable together: each file is copied (and hashed) to a temp file
 * without its own fsync; {@link #commit()} flushes the filesystem once ({@code syncfs}, or one
 * fsync per file for a few files or where syncfs is unavailable) and only then renames every object into place, so
 * an object is never visible before its bytes are on disk. Used for the many small files of a
 * directory, where 100k fsyncs would dominate. Not thread-safe for commit; {@link #add} may be
 * called from several threads.
 */
public final class Batch {
  /** Batches of at most this many files are made durable by an fsync each instead of one syncfs. */
  static final int FSYNC_EACH_MAX = 16;

  private final ObjectDb odb;
  private final ObjectWriter writer;
  private final ConcurrentLinkedQueue<Path[]> pending = new ConcurrentLinkedQueue<>();

  Batch(ObjectDb odb, ObjectWriter writer) {
    this.odb = odb;
    this.writer = writer;
  }

  /** Copies a file to a temp file in the cache, or skips it if the object is intact; returns its md5. */
  public String add(Path src, String knownMd5) throws IOException {
    if (knownMd5 != null && odb.check(HashInfo.md5(knownMd5))) {
      return knownMd5;
    }
    ObjectWriter.ensureDir(odb.md5Root());
    Path tmp = TempFiles.tempIn(odb.md5Root());
    String md5;
    try {
      md5 = ObjectWriter.copyHashing(src, tmp, false);
    } catch (IOException e) {
      TempFiles.discard(tmp);
      throw e;
    }
    HashInfo h = HashInfo.md5(md5);
    if (odb.exists(h) && odb.check(h)) {
      TempFiles.discard(tmp);
    } else {
      pending.add(new Path[] {tmp, odb.path(h)});
    }
    return md5;
  }

  /**
   * Writes a stream (a download) to a temp file and verifies it against {@code h}; it becomes
   * visible at {@link #commit}. A stream whose bytes do not match is refused here.
   */
  public void addStream(HashInfo h, InputStream in) throws IOException {
    pending.add(new Path[] {writer.writeVerified(h, in, false), odb.path(h)});
  }

  /**
   * {@link #addStream} that also writes the bytes to a new workspace file beside {@code dest}
   * (mode 0644 less the umask), so that a pull's checkout renames it into place instead of copying
   * the object again. Returns that hidden temp file, whose bytes are verified with the object's;
   * when anything fails, neither file is kept.
   */
  public PreparedCopy addStreamWithCopy(HashInfo h, InputStream in, Path dest) throws IOException {
    Path copy = TempFiles.workspaceTempIn(dest.getParent());
    try (FileChannel tee = FileChannel.open(copy, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(PreparedCopy.MODE))) {
      pending.add(new Path[] {writer.writeVerified(h, in, false, tee), odb.path(h)});
    } catch (IOException | RuntimeException | Error e) {
      TempFiles.discard(copy);
      throw e;
    }
    return new PreparedCopy(h, copy);
  }

  /** Makes every added object durable, then visible. */
  public void commit() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    // a few files are fsync'd one by one: syncfs would also wait for every other dirty byte on
    // the filesystem (another program's gigabytes); many files share one syncfs
    if (odb.fsync() && (pending.size() <= FSYNC_EACH_MAX || !Flock.syncfs(odb.md5Root().toString()))) {
      for (Path[] p : pending) {
        try (FileChannel ch = FileChannel.open(p[0], StandardOpenOption.WRITE)) {
          ch.force(true);
        }
      }
    }
    for (Path[] p : pending) {
      writer.publish(p[0], p[1]);
    }
    pending.clear();
  }

  /** Deletes the temp files of a batch that will not be committed. */
  public void abort() {
    for (Path[] p : pending) {
      try {
        TempFiles.discard(p[0]);
      } catch (IOException ignored) {
        // stray temp files are removed by gc
      }
    }
    pending.clear();
  }
}
