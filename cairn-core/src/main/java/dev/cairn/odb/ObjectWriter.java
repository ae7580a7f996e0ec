package dev.cairn.odb;

import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.storage.ChunkedInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Inserts objects into an {@link ObjectDb}: every write goes to a hidden temp file in the target
 * directory ({@link TempFiles}), is hashed while written (by two threads for large files, see
 * {@link PipelinedCopy}; large downloads that are also copied to the workspace past the page
 * cache, by direct I/O), fsync'd when the cache asks for it, checked against the expected hash,
 * renamed into place and made read-only. Nothing unverified ever enters the cache. Thread-safe.
 */
final class ObjectWriter {
  private final ObjectDb odb;

  ObjectWriter(ObjectDb odb) {
    this.odb = odb;
  }

  /** See {@link ObjectDb#insertCopy}. */
  HashInfo insertCopy(Path src, String knownMd5) throws IOException {
    if (knownMd5 != null) {
      HashInfo h = HashInfo.md5(knownMd5);
      if (odb.check(h)) {
        return h;
      }
    }
    ensureDir(odb.md5Root());
    Path tmp = TempFiles.tempIn(odb.md5Root());
    try {
      String md5 = copyHashing(src, tmp, odb.fsync());
      HashInfo h = HashInfo.md5(md5);
      publish(tmp, odb.path(h));
      return h;
    } finally {
      TempFiles.discard(tmp);
    }
  }

  /** Files at least this large are copied by two threads: one hashes while the other writes. */
  static final long PIPELINE_MIN = 8L << 20;
  /** Downloads to be made durable are flushed to disk each time this many more bytes are written. */
  static final long FLUSH_AHEAD = 64L << 20;

  /** Copies {@code src} to a new file {@code dst}, hashing the bytes written; returns the md5. */
  static String copyHashing(Path src, Path dst, boolean fsync) throws IOException {
    try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
         FileChannel out = FileChannel.open(dst, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      String md5 = in.size() >= PIPELINE_MIN ? PipelinedCopy.copy(in, out, fsync ? FLUSH_AHEAD : 0) : copySmall(in, out);
      if (fsync) {
        out.force(true);
      }
      return md5;
    }
  }

  /** A 64 KiB buffer per thread, for the copies of this package. */
  static final ThreadLocal<byte[]> HEAP = ThreadLocal.withInitial(() -> new byte[1 << 16]);

  private static String copySmall(FileChannel in, FileChannel out) throws IOException {
    MessageDigest md = Hashing.md5(in.size());
    byte[] arr = HEAP.get();
    ByteBuffer buf = ByteBuffer.wrap(arr);
    while (true) {
      buf.clear();
      int n = in.read(buf);
      if (n < 0) {
        break;
      }
      md.update(arr, 0, n);
      buf.flip();
      while (buf.hasRemaining()) {
        out.write(buf);
      }
    }
    return Hashing.hex(md.digest());
  }

  /**
   * Hard-links a file into the cache (DVC's add with {@code cache.type} starting with hardlink):
   * the workspace file becomes the read-only object. Falls back to {@link #insertCopy} across
   * devices or when links are not supported.
   */
  HashInfo insertHardlink(Path src, String md5) throws IOException {
    HashInfo h = HashInfo.md5(md5);
    Path target = odb.path(h);
    if (odb.check(h)) {
      return h;
    }
    ensureDir(target.getParent());
    Path tmp = TempFiles.tempIn(target.getParent());
    try {
      Files.createLink(tmp, src);
    } catch (IOException | UnsupportedOperationException e) {
      return insertCopy(src, null);
    }
    try {
      if (!Hashing.md5File(tmp).equals(md5)) {
        throw new CorruptObjectException("File " + src + " changed while it was being added; run the command again");
      }
      publish(tmp, target);
      return h;
    } finally {
      TempFiles.discard(tmp);
    }
  }

  /** Writes bytes (a {@code .dir} manifest) as an object, checking them against {@code h}. */
  void insertBytes(HashInfo h, byte[] data) throws IOException {
    if (!Hashing.md5Hex(data).equals(h.bare())) {
      throw new CorruptObjectException("Refusing to store object " + h + ": its bytes hash differently");
    }
    if (odb.check(h)) {
      return;
    }
    Path target = odb.path(h);
    ensureDir(target.getParent());
    Path tmp = TempFiles.tempIn(target.getParent());
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
          out.write(b);
        }
        if (odb.fsync()) {
          out.force(true);
        }
      }
      publish(tmp, target);
    } finally {
      TempFiles.discard(tmp);
    }
  }

  /**
   * Stores a stream (a download) under {@code h}: hashed while written, refused if the hash
   * differs, so nothing unverified ever enters the cache.
   */
  void insertStream(HashInfo h, InputStream in) throws IOException {
    Path tmp = writeVerified(h, in, odb.fsync());
    try {
      publish(tmp, odb.path(h));
    } finally {
      TempFiles.discard(tmp);
    }
  }

  /**
   * Writes a stream to a temp file beside the object's final path and checks its hash; the temp
   * file is deleted when that fails.
   */
  Path writeVerified(HashInfo h, InputStream in, boolean sync) throws IOException {
    return writeVerified(h, in, sync, null);
  }

  /** {@link #writeVerified(HashInfo, InputStream, boolean)} that also writes every byte to {@code tee} when given. */
  Path writeVerified(HashInfo h, InputStream in, boolean sync, FileChannel tee) throws IOException {
    Path target = odb.path(h);
    ensureDir(target.getParent());
    Path tmp = TempFiles.tempIn(target.getParent());
    boolean ok = false;
    try {
      MessageDigest md = Hashing.md5();
      String pipelined = null;
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ChunkedInput chunks = ChunkedInput.of(in);
        byte[] buf = HEAP.get();
        long written = 0;
        int n;
        if (chunks != null) {
          // a large download in buffers of its own: hashed and written from them, no copy. When
          // the workspace copy is written too, nothing reads the object soon: it goes to the disk
          // directly, past the page cache, where the kernel would copy it and later write it back
          int block = tee == null ? 0 : directBlock(tmp);
          FileChannel direct = block == 0 ? null : openDirect(tmp);
          try {
            pipelined = PipelinedCopy.copyChunks(chunks, out, direct, block, tee, md, odb.fsync() ? FLUSH_AHEAD : 0);
          } finally {
            if (direct != null) {
              direct.close();
            }
          }
        }
        while (pipelined == null && (n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
          ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
          while (b.hasRemaining()) {
            out.write(b);
          }
          if (tee != null) {
            b.rewind();
            while (b.hasRemaining()) {
              tee.write(b);
            }
          }
          written += n;
          if (written >= PIPELINE_MIN) {
            // a large download: hashing and writing go on two threads, and the disk starts
            // writing while the rest arrives if the object is to be made durable
            pipelined = PipelinedCopy.copy(in::read, out, tee, md, odb.fsync() ? FLUSH_AHEAD : 0);
            break;
          }
        }
        if (sync) {
          out.force(true);
        }
      }
      String got = pipelined != null ? pipelined : Hashing.hex(md.digest());
      if (!got.equals(h.bare())) {
        boolean legacyOk = h.isLegacy() && !h.isDir()
            && Hashing.dos2unixMd5(tmp, Hashing.Dos2UnixRule.DVC2).equals(h.bare());
        if (!legacyOk) {
          throw new CorruptObjectException("Object " + h + " has wrong content (md5 " + got + "); not stored");
        }
      }
      ok = true;
      return tmp;
    } finally {
      if (!ok) {
        TempFiles.discard(tmp);
      }
    }
  }

  /** The temp file open again for direct I/O ({@code O_DIRECT}), or null where the filesystem refuses it. */
  private static FileChannel openDirect(Path tmp) {
    try {
      return FileChannel.open(tmp, StandardOpenOption.WRITE, com.sun.nio.file.ExtendedOpenOption.DIRECT);
    } catch (IOException | UnsupportedOperationException e) {
      return null; // tmpfs and others refuse O_DIRECT: the page cache it is
    }
  }

  /**
   * The alignment direct I/O on {@code p}'s filesystem needs (its block size, at least 4 KiB), or 0
   * for no direct I/O: turned off, or blocks larger than the 64 KiB the download buffers are aligned to.
   */
  private static int directBlock(Path p) throws IOException {
    if (!DIRECT_IO) {
      return 0;
    }
    long b = 4096;
    try {
      b = Math.max(b, Files.getFileStore(p).getBlockSize());
    } catch (UnsupportedOperationException e) {
      // 4 KiB
    }
    return b > (1 << 16) || Long.bitCount(b) != 1 ? 0 : (int) b;
  }

  /** Whether downloads may write past the page cache (Linux; {@code CAIRN_DIRECT_IO=0} turns it off). */
  private static final boolean DIRECT_IO = System.getProperty("os.name", "").startsWith("Linux")
      && !"0".equals(System.getenv("CAIRN_DIRECT_IO"));

  /**
   * Makes a directory (and its parents) unless it is one already: a successful stat instead of the
   * failed mkdir (and its exception) that {@link Files#createDirectories} costs for an existing one,
   * which thousands of inserts into the same 256 directories would pay every time.
   */
  static void ensureDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
  }

  void publish(Path tmp, Path target) throws IOException {
    Files.setPosixFilePermissions(tmp, ObjectDb.READ_ONLY);
    if (!target.getParent().equals(tmp.getParent())) {
      ensureDir(target.getParent());
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    TempFiles.done(tmp);
    odb.published(target);
  }
}
