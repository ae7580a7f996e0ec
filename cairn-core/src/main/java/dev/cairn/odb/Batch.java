package dev.cairn.odb;

import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.hash.Md5Set;
import dev.cairn.internal.Flock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A group of inserts made durable together: each object is written (and hashed) to a hidden temp
 * file in its prefix directory without its own fsync; {@link #commit()} flushes the filesystem once
 * ({@code syncfs}, or one fsync per file for a few files or where syncfs is unavailable) and only
 * then renames every object into place, so an object is never visible before its bytes are on disk.
 * Used for the many small files of a directory, where 100k fsyncs would dominate, and for
 * downloads.
 *
 * <p>Pending objects are kept as three {@code long}s each (the temp file's number and the hash), and
 * an owner that adds many commits every {@link #shouldCommit()} objects, so memory stays bounded
 * however many files a directory holds. {@link #add} and {@link #addStream} may be called from
 * several threads, also while {@link #commit()} runs (which makes durable what was added before it
 * started); {@link #commit()} itself from one thread at a time.
 */
public final class Batch {
  /** Batches of at most this many files are made durable by an fsync each instead of one syncfs. */
  static final int FSYNC_EACH_MAX = 16;
  /** Pending objects after which an owner adding many should {@link #commit()}. */
  static final int COMMIT_FILES = 1 << 16;
  /** Pending bytes after which an owner adding many should {@link #commit()}. */
  static final long COMMIT_BYTES = 1L << 30;
  /** Files below this size are read whole, hashed, and written only when the cache lacks them. */
  static final int SMALL = 1 << 20;

  private static final FileAttribute<?> READ_ONLY = PosixFilePermissions.asFileAttribute(ObjectDb.READ_ONLY);
  private static final ThreadLocal<byte[]> WHOLE = ThreadLocal.withInitial(() -> new byte[SMALL + 1]);
  private static final ThreadLocal<MessageDigest> SMALL_MD5 = ThreadLocal.withInitial(dev.cairn.storage.Md5::jdk);

  private final ObjectDb odb;
  private final ObjectWriter writer;
  private final Runnable cleanup = this::abort;
  private final AtomicLong pendingBytes = new AtomicLong();
  /** Pending objects as triples (temp number, hash high half, hash low half); guarded by this. */
  private long[] pending = new long[3 * 64];
  private int count;
  /** Prefix directories known to exist (bit per prefix). */
  private final java.util.concurrent.atomic.AtomicLongArray dirs = new java.util.concurrent.atomic.AtomicLongArray(4);
  private boolean registered;
  /** Pending objects kept by path (legacy or {@code .dir} downloads): temp, target; guarded by this. */
  private java.util.List<Path[]> others = new java.util.ArrayList<>();

  Batch(ObjectDb odb, ObjectWriter writer) {
    this.odb = odb;
    this.writer = writer;
  }

  /** Copies a file to a temp file in the cache, or skips it if the object is intact; returns its md5. */
  public String add(Path src, String knownMd5) throws IOException {
    return add(src, Files.size(src), knownMd5);
  }

  /**
   * {@link #add(Path, String)} for a file whose size is known from a walk. A file under {@value
   * #SMALL} bytes is read whole and hashed first, so that an object the cache has already costs no
   * write; the object is then written straight into its prefix directory, created read-only, so
   * that {@link #commit()} only renames it.
   */
  public String add(Path src, long size, String knownMd5) throws IOException {
    if (knownMd5 != null && odb.checkListed(HashInfo.md5(knownMd5))) {
      return knownMd5;
    }
    if (size < 0 || size >= SMALL) {
      return addLarge(src);
    }
    byte[] buf = WHOLE.get();
    int n;
    try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.wrap(buf);
      while (b.hasRemaining()) {
        if (in.read(b) < 0) {
          break;
        }
        if (b.position() == size && b.hasRemaining()) {
          break; // a regular file read short of what was asked, at the size its stat gave: its end
        }
      }
      n = b.position();
    }
    if (n > SMALL) {
      return addLarge(src); // it grew since the walk
    }
    MessageDigest md = SMALL_MD5.get();
    md.update(buf, 0, n);
    String md5 = Hashing.hex(md.digest());
    HashInfo h = HashInfo.md5(md5);
    if (odb.checkListed(h)) {
      return md5;
    }
    Path dir = prefixDir(md5);
    long id = TempFiles.newId();
    Path tmp = TempFiles.track(TempFiles.name(dir, id));
    try (FileChannel out = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        READ_ONLY)) {
      ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
      while (b.hasRemaining()) {
        out.write(b);
      }
    } catch (FileAlreadyExistsException e) {
      TempFiles.done(tmp);
      throw e;
    } catch (IOException | RuntimeException e) {
      TempFiles.discard(tmp);
      throw e;
    }
    pend(id, md5, n, tmp);
    return md5;
  }

  /** A file of {@value #SMALL} bytes or more: streamed through a temp file, hashed as it is written. */
  private String addLarge(Path src) throws IOException {
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
    if (odb.checkListed(h)) {
      TempFiles.discard(tmp);
      return md5;
    }
    // moved next to its final name, where every pending object waits
    long id = TempFiles.newId();
    Path moved = TempFiles.track(TempFiles.name(prefixDir(md5), id));
    try {
      Files.setPosixFilePermissions(tmp, ObjectDb.READ_ONLY);
      Files.move(tmp, moved, StandardCopyOption.ATOMIC_MOVE);
      TempFiles.done(tmp);
      pend(id, md5, Files.size(moved), moved);
    } catch (IOException | RuntimeException e) {
      TempFiles.discard(tmp);
      TempFiles.discard(moved);
      throw e;
    }
    return md5;
  }

  /** The object's prefix directory, made once per batch. */
  private Path prefixDir(String md5) throws IOException {
    int p = Character.digit(md5.charAt(0), 16) * 16 + Character.digit(md5.charAt(1), 16);
    Path dir = odb.md5Root().resolve(md5.substring(0, 2));
    long bit = 1L << (p & 63);
    if ((dirs.get(p >> 6) & bit) == 0) {
      ObjectWriter.ensureDir(dir);
      dirs.getAndAccumulate(p >> 6, bit, (a, b) -> a | b);
    }
    return dir;
  }

  private void register() {
    if (!registered) {
      TempFiles.remember(cleanup);
      registered = true;
    }
  }

  private synchronized void pend(long id, String md5, long bytes, Path tracked) {
    register();
    if (3 * (count + 1) > pending.length) {
      pending = java.util.Arrays.copyOf(pending, pending.length * 2);
    }
    pending[3 * count] = id;
    pending[3 * count + 1] = Md5Set.hi(md5);
    pending[3 * count + 2] = Md5Set.lo(md5);
    count++;
    pendingBytes.addAndGet(bytes);
    TempFiles.done(tracked); // from now on the batch's cleanup knows it
  }

  /** Whether enough is pending that an owner adding many objects should {@link #commit()} now. */
  public boolean shouldCommit() {
    synchronized (this) {
      if (count >= COMMIT_FILES) {
        return true;
      }
    }
    return pendingBytes.get() >= COMMIT_BYTES;
  }

  /**
   * Writes a stream (a download) to a temp file and verifies it against {@code h}; it becomes
   * visible at {@link #commit}. A stream whose bytes do not match is refused here.
   */
  public void addStream(HashInfo h, InputStream in) throws IOException {
    pendStream(h, writer.writeVerified(h, in, false));
  }

  private void pendStream(HashInfo h, Path tmp) throws IOException {
    try {
      Files.setPosixFilePermissions(tmp, ObjectDb.READ_ONLY);
      if (h.isLegacy() || h.isDir()) {
        synchronized (this) {
          register();
          others.add(new Path[] {tmp, odb.path(h)}); // rare in a batch: kept by path
        }
        return;
      }
      pend(TempFiles.idOf(tmp), h.value(), Files.size(tmp), tmp);
    } catch (IOException | RuntimeException e) {
      TempFiles.discard(tmp);
      throw e;
    }
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
      pendStream(h, writer.writeVerified(h, in, false, tee));
    } catch (IOException | RuntimeException | Error e) {
      TempFiles.discard(copy);
      throw e;
    }
    return new PreparedCopy(h, copy);
  }

  /** Makes every object added before this call durable, then visible. */
  public void commit() throws IOException {
    long[] todo;
    int n;
    java.util.List<Path[]> byPath;
    synchronized (this) {
      todo = pending;
      n = count;
      byPath = others;
      pending = new long[3 * 64];
      count = 0;
      others = new java.util.ArrayList<>();
    }
    if (n == 0 && byPath.isEmpty()) {
      return;
    }
    pendingBytes.set(0); // what was added meanwhile starts the next count
    int total = n + byPath.size();
    try {
      // a few files are fsync'd one by one: syncfs would also wait for every other dirty byte on
      // the filesystem (another program's gigabytes); many files share one syncfs
      if (odb.fsync() && (total <= FSYNC_EACH_MAX || !Flock.syncfs(odb.md5Root().toString()))) {
        for (int i = 0; i < n; i++) {
          force(temp(todo, i));
        }
        for (Path[] p : byPath) {
          force(p[0]);
        }
      }
      for (int i = 0; i < n; i++) {
        publish(temp(todo, i), target(todo, i));
        todo[3 * i] = -1; // done
      }
      for (Path[] p : byPath) {
        writer.publish(p[0], p[1]);
      }
    } catch (IOException | RuntimeException e) {
      for (int i = 0; i < n; i++) {
        if (todo[3 * i] >= 0) {
          Files.deleteIfExists(temp(todo, i));
        }
      }
      for (Path[] p : byPath) {
        TempFiles.discard(p[0]);
      }
      throw e;
    } finally {
      synchronized (this) {
        if (count == 0 && others.isEmpty() && registered) {
          TempFiles.forget(cleanup);
          registered = false;
        }
      }
    }
  }

  private static void force(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private void publish(Path tmp, Path target) throws IOException {
    if (!READ_ONLY_KEPT) {
      Files.setPosixFilePermissions(tmp, ObjectDb.READ_ONLY);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    odb.published(target);
  }

  private Path temp(long[] t, int i) {
    return TempFiles.name(target(t, i).getParent(), t[3 * i]);
  }

  private Path target(long[] t, int i) {
    return odb.path(HashInfo.md5(hex(t[3 * i + 1], t[3 * i + 2])));
  }

  private static String hex(long hi, long lo) {
    java.util.HexFormat f = java.util.HexFormat.of();
    return f.toHexDigits(hi) + f.toHexDigits(lo);
  }

  /** Deletes the temp files of a batch that will not be committed. */
  public void abort() {
    long[] todo;
    int n;
    java.util.List<Path[]> byPath;
    synchronized (this) {
      todo = pending;
      n = count;
      byPath = others;
      pending = new long[3 * 64];
      count = 0;
      others = new java.util.ArrayList<>();
      if (registered) {
        TempFiles.forget(cleanup);
        registered = false;
      }
    }
    for (int i = 0; i < n; i++) {
      try {
        Files.deleteIfExists(temp(todo, i));
      } catch (IOException | RuntimeException ignored) {
        // stray temp files are removed by gc
      }
    }
    for (Path[] p : byPath) {
      try {
        TempFiles.discard(p[0]);
      } catch (IOException | RuntimeException ignored) {
        // stray temp files are removed by gc
      }
    }
  }

  /**
   * Whether files this process creates with mode 0444 get exactly that mode (the umask keeps it, as
   * the usual 022 and 002 do); where it does not, every object is chmod'ed before its rename.
   */
  private static final boolean READ_ONLY_KEPT = umaskKeepsReadOnly();

  private static boolean umaskKeepsReadOnly() {
    try {
      Path probe = Files.createTempFile("cairn-umask", ".tmp", READ_ONLY);
      try {
        return Files.getPosixFilePermissions(probe).equals(ObjectDb.READ_ONLY);
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
