package dev.cairn.workspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The state's binary index of one directory, in the spirit of Git's index: for each file, in the
 * order of a {@code .dir} manifest (relpaths by code point, which is their UTF-8 byte order), its
 * stat data ({@link FileMeta}) and md5, and for the whole directory its {@code .dir} hash. {@code
 * status} reads it with one sequential read (into a direct buffer, outside the Java heap: about 60
 * bytes and the relpath per file) and compares it with one {@code lstat} per file; an unchanged tree
 * then hashes nothing and builds no manifest.
 *
 * <p>Cairn's own machine-local state (never shared, never committed), under {@code
 * .dvc/tmp/cairn-index/}. Written to a temp file and renamed into place, so a reader sees a whole
 * file or none; a CRC-32C over everything, the magic, the version and the directory's absolute path
 * are checked on every read, and a file that fails any check (truncated, corrupt, of another
 * version or of another directory) is ignored: the directory is hashed again and a new index
 * written. Several writers may race; the last rename wins, and each file is consistent by itself.
 *
 * <p>Racily clean entries, as Git calls them: a file modified in the same tick of the file system's
 * clock as its stat was taken keeps that stat. So an entry is trusted only when its mtime is older
 * than {@link #racyFrom()}, the file system's time when the entries were complete (the mtime of the
 * index file being written, read back); newer ones are hashed again on the next read. An entry
 * whose file was read while it was being modified (its mtime at or after the start of the scan) is
 * written <em>smudged</em> and is never trusted.
 *
 * <p>Layout, big-endian: {@code "CAIRNIDX"}, version (int), path length (int), path (UTF-8); then
 * per entry: relpath length (unsigned short), relpath (UTF-8), dev, ino, mtime (ns), size (longs),
 * mode, flags (ints), md5 (16 bytes); then the trailer: entry count, total size (longs), {@code
 * .dir} md5 (16 bytes), racy-from time (long), flags (int); then the trailer's length (int) and the
 * CRC-32C of all bytes before it (int).
 */
final class DirIndex {
  static final byte[] MAGIC = "CAIRNIDX".getBytes(StandardCharsets.US_ASCII);
  /** The format version; a file of any other is ignored. */
  static final int VERSION = 1;
  /** Entry flag: never trusted (its file changed while it was read). */
  static final int SMUDGED = 1;
  /** Trailer flag: the {@code .dir} md5 is set. */
  static final int HAS_DIR = 1;
  static final int ENTRY_FIXED = 2 + 4 * 8 + 4 + 4 + 16;
  private static final int TRAILER_FIXED = 8 + 8 + 16 + 8 + 4;

  private final ByteBuffer buf;
  private final int entriesStart;
  private final int entriesEnd;
  private final long count;
  private final long totalSize;
  private final byte[] dirMd5;
  private final long racyFrom;

  private DirIndex(ByteBuffer buf, int entriesStart, int entriesEnd, long count, long totalSize, byte[] dirMd5,
      long racyFrom) {
    this.buf = buf;
    this.entriesStart = entriesStart;
    this.entriesEnd = entriesEnd;
    this.count = count;
    this.totalSize = totalSize;
    this.dirMd5 = dirMd5;
    this.racyFrom = racyFrom;
  }

  /** Why the last {@link #read} of this thread returned null (for tests and {@code -v}). */
  static final ThreadLocal<String> LAST_REJECTION = new ThreadLocal<>();

  /**
   * Reads the index at {@code file} for the directory {@code absDir}, or null when there is none
   * or it cannot be used (truncated, corrupt, another version, another directory).
   */
  static DirIndex read(Path file, String absDir) {
    LAST_REJECTION.remove();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      int min = MAGIC.length + 8 + TRAILER_FIXED + 8;
      if (size < min) {
        return reject("truncated");
      }
      if (size > Integer.MAX_VALUE) {
        return reject("too large");
      }
      // read, not mapped: once checked, the bytes cannot change under us, whatever writes the file
      ByteBuffer m = ByteBuffer.allocateDirect((int) size);
      while (m.hasRemaining()) {
        if (ch.read(m) < 0) {
          return reject("truncated");
        }
      }
      m.flip();
      return parse(m, absDir);
    } catch (NoSuchFileException e) {
      return reject("missing");
    } catch (IOException | RuntimeException e) {
      return reject("unreadable: " + e);
    }
  }

  private static DirIndex parse(ByteBuffer m, String absDir) {
    int size = m.limit();
    byte[] magic = new byte[MAGIC.length];
    m.get(0, magic);
    if (!Arrays.equals(magic, MAGIC)) {
      return reject("not an index");
    }
    if (m.getInt(8) != VERSION) {
      return reject("version " + m.getInt(8));
    }
    CRC32C crc = new CRC32C();
    crc.update(m.duplicate().position(0).limit(size - 4));
    if ((int) crc.getValue() != m.getInt(size - 4)) {
      return reject("corrupt");
    }
    int pathLen = m.getInt(12);
    if (pathLen < 0 || 16 + pathLen > size) {
      return reject("corrupt");
    }
    byte[] path = new byte[pathLen];
    m.get(16, path);
    if (!new String(path, StandardCharsets.UTF_8).equals(absDir)) {
      return reject("of another directory");
    }
    int trailerLen = m.getInt(size - 8);
    int t = size - 8 - trailerLen;
    if (trailerLen < TRAILER_FIXED || t < 16 + pathLen) {
      return reject("corrupt");
    }
    long count = m.getLong(t);
    long total = m.getLong(t + 8);
    byte[] dir = new byte[16];
    m.get(t + 16, dir);
    long racyFrom = m.getLong(t + 32);
    int flags = m.getInt(t + 40);
    return new DirIndex(m, 16 + pathLen, t, count, total, (flags & HAS_DIR) != 0 ? dir : null, racyFrom);
  }

  private static DirIndex reject(String why) {
    LAST_REJECTION.set(why);
    return null;
  }

  /** Number of entries. */
  long count() {
    return count;
  }

  /** Bytes of all files together. */
  long totalSize() {
    return totalSize;
  }

  /** The directory's {@code .dir} md5 (16 bytes), or null when not recorded. */
  byte[] dirMd5() {
    return dirMd5;
  }

  /** Entries with an mtime at or after this (file system time, ns) are racily clean: hashed again. */
  long racyFrom() {
    return racyFrom;
  }

  /** A cursor over the entries, before the first. */
  Cursor cursor() {
    return new Cursor();
  }

  /** Reads the entries one by one. */
  final class Cursor {
    private int pos = entriesStart;
    private int relAt;
    private int relLen;
    long dev;
    long ino;
    long mtimeNs;
    long size;
    int mode;
    int flags;
    long md5Hi;
    long md5Lo;
    private int start;

    /** Moves to the next entry; false at the end (or on a malformed entry, which also ends it). */
    boolean next() {
      if (pos + ENTRY_FIXED > entriesEnd) {
        pos = entriesEnd;
        return false;
      }
      start = pos;
      relLen = Short.toUnsignedInt(buf.getShort(pos));
      relAt = pos + 2;
      int p = relAt + relLen;
      if (p + ENTRY_FIXED - 2 > entriesEnd) {
        pos = entriesEnd;
        return false;
      }
      dev = buf.getLong(p);
      ino = buf.getLong(p + 8);
      mtimeNs = buf.getLong(p + 16);
      size = buf.getLong(p + 24);
      mode = buf.getInt(p + 32);
      flags = buf.getInt(p + 36);
      md5Hi = buf.getLong(p + 40);
      md5Lo = buf.getLong(p + 48);
      pos = p + 56;
      return true;
    }

    /** Compares this entry's relpath with {@code rel} (UTF-8) as unsigned bytes, i.e. by code point. */
    int compareRel(byte[] rel) {
      int n = Math.min(relLen, rel.length);
      for (int i = 0; i < n; i++) {
        int c = Byte.toUnsignedInt(buf.get(relAt + i)) - Byte.toUnsignedInt(rel[i]);
        if (c != 0) {
          return c;
        }
      }
      return relLen - rel.length;
    }

    /** This entry's relpath. */
    String rel() {
      byte[] b = new byte[relLen];
      buf.get(relAt, b);
      return new String(b, StandardCharsets.UTF_8);
    }

    /** Whether the file's stat data is this entry's, and the entry is trusted (not racy, not smudged). */
    boolean matches(FileMeta m) {
      return m.mtimeNs() == mtimeNs && m.size() == size && m.ino() == ino && m.dev() == dev && m.mode() == mode
          && (flags & SMUDGED) == 0 && mtimeNs < racyFrom;
    }

    /** Whether the stat data is this entry's, trusted or not. */
    boolean sameStat(FileMeta m) {
      return m.mtimeNs() == mtimeNs && m.size() == size && m.ino() == ino && m.dev() == dev && m.mode() == mode;
    }

    /** Copies this entry, as it is, to a writer. */
    void copyTo(Writer w) throws IOException {
      w.raw(buf, start, pos - start, size);
    }
  }

  /**
   * Writes a new index to a temp file beside {@code target}, entry by entry in relpath order, and
   * renames it into place at {@link #finish}. Closing an unfinished writer deletes the temp file.
   */
  static final class Writer implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final FileChannel ch;
    private final ByteBuffer out = ByteBuffer.allocate(1 << 18).order(ByteOrder.BIG_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final long startedAt;
    private long written;
    private long count;
    private long total;
    private long newest = Long.MIN_VALUE;
    private boolean done;

    Writer(Path target, String absDir) throws IOException {
      this.target = target;
      Files.createDirectories(target.getParent());
      this.tmp = target.resolveSibling("." + target.getFileName() + "."
          + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
      this.ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        byte[] path = absDir.getBytes(StandardCharsets.UTF_8);
        out.put(MAGIC).putInt(VERSION).putInt(path.length).put(path);
        drain();
        this.startedAt = fsTime();
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }

    /**
     * The file system's time when this writer was made (the temp file's mtime): a file whose mtime
     * is at or after it may have changed while it was read, and is written {@link #SMUDGED}.
     */
    long startedAt() {
      return startedAt;
    }

    /** Appends an entry. */
    void add(byte[] rel, FileMeta m, long md5Hi, long md5Lo, int flags) throws IOException {
      if (rel.length > 0xffff) {
        throw new IOException("path too long for the index: " + new String(rel, StandardCharsets.UTF_8));
      }
      if (out.remaining() < ENTRY_FIXED + rel.length) {
        drain();
      }
      out.putShort((short) rel.length).put(rel).putLong(m.dev()).putLong(m.ino()).putLong(m.mtimeNs())
          .putLong(m.size()).putInt(m.mode()).putInt(flags).putLong(md5Hi).putLong(md5Lo);
      count++;
      total += m.size();
      if ((flags & SMUDGED) == 0) {
        newest = Math.max(newest, m.mtimeNs());
      }
    }

    private void raw(ByteBuffer src, int from, int len, long size) throws IOException {
      if (out.remaining() < len) {
        drain();
      }
      out.put(out.position(), src, from, len).position(out.position() + len);
      count++;
      total += size;
      int fixed = from + 2 + Short.toUnsignedInt(src.getShort(from));
      if ((src.getInt(fixed + 36) & SMUDGED) == 0) {
        newest = Math.max(newest, src.getLong(fixed + 16));
      }
    }

    long count() {
      return count;
    }

    /**
     * Writes the trailer and renames the file into place.
     *
     * @param dirMd5 the directory's {@code .dir} md5 (16 bytes), or null
     * @param settle wait (a few milliseconds at most) for the file system's clock to pass the newest
     *     entry's mtime, so that files just written are not left racily clean
     */
    void finish(byte[] dirMd5, boolean settle) throws IOException {
      drain();
      long racyFrom = fsTime();
      for (int i = 0; settle && racyFrom <= newest && i < 20; i++) {
        sleepMs(1);
        ch.write(ByteBuffer.wrap(new byte[1]), written); // overwritten by the trailer: moves the mtime
        racyFrom = fsTime();
      }
      int flags = dirMd5 != null ? HAS_DIR : 0;
      out.putLong(count).putLong(total).put(dirMd5 != null ? dirMd5 : new byte[16]).putLong(racyFrom).putInt(flags);
      out.putInt(TRAILER_FIXED);
      drain();
      out.putInt((int) crc.getValue());
      out.flip();
      while (out.hasRemaining()) {
        written += ch.write(out, written);
      }
      ch.close();
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    }

    private void drain() throws IOException {
      out.flip();
      crc.update(out.duplicate());
      while (out.hasRemaining()) {
        written += ch.write(out, written);
      }
      out.clear();
    }

    private long fsTime() throws IOException {
      return Files.getLastModifiedTime(tmp).to(TimeUnit.NANOSECONDS);
    }

    private static void sleepMs(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() throws IOException {
      if (!done) {
        done = true;
        ch.close();
        Files.deleteIfExists(tmp);
      }
    }
  }
}
