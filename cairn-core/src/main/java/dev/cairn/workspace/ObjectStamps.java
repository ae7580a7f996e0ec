package dev.cairn.workspace;

import dev.cairn.hash.HashInfo;
import dev.cairn.odb.ObjectDb;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * That every object of a {@code .dir} was in the cache, and the modification times of the cache's
 * 256 prefix directories when that was seen: while none of those times changed, no object was added
 * or removed, so {@code status} of an unchanged directory need not look for its objects again (a
 * million of them). One small file per directory hash in the state's directory, written whole and
 * renamed; a time at or after the file's own (racily clean, as in {@link DirIndex}) is not trusted.
 * Like {@code status} before it, this answers whether objects exist, not whether they are intact.
 */
final class ObjectStamps {
  private static final byte[] MAGIC = "CAIRNOBJ".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  private ObjectStamps() {}

  /** Whether the stamps recorded for {@code dir} in {@code stateDir} still hold for {@code odb}. */
  static boolean hold(Path stateDir, ObjectDb odb, HashInfo dir) {
    Path f = file(stateDir, dir);
    byte[] b;
    try {
      b = Files.readAllBytes(f);
    } catch (IOException e) {
      return false;
    }
    ByteBuffer in = ByteBuffer.wrap(b);
    byte[] cache = odb.cacheDir().toString().getBytes(StandardCharsets.UTF_8);
    int expected = MAGIC.length + 4 + 4 + cache.length + 256 * 8 + 8 + 4;
    if (b.length != expected) {
      return false;
    }
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length - 4);
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC) || in.getInt() != VERSION || in.getInt() != cache.length
        || (int) crc.getValue() != in.getInt(b.length - 4)) {
      return false;
    }
    byte[] path = new byte[cache.length];
    in.get(path);
    if (!java.util.Arrays.equals(path, cache)) {
      return false;
    }
    long[] recorded = new long[256];
    for (int i = 0; i < 256; i++) {
      recorded[i] = in.getLong();
    }
    long racyFrom = in.getLong();
    long[] now = odb.prefixMtimes();
    for (int i = 0; i < 256; i++) {
      if (recorded[i] != now[i] || recorded[i] >= racyFrom) {
        return false;
      }
    }
    return true;
  }

  /**
   * Records that every object of {@code dir} was present while the prefix directories had the
   * times {@code before} (taken before the objects were looked for, or after they were written).
   * Waits a few milliseconds at most for the file system's clock to pass those times. Failures are
   * ignored: this only spares a later check.
   */
  static void record(Path stateDir, ObjectDb odb, HashInfo dir, long[] before) {
    Path target = file(stateDir, dir);
    Path tmp = target.resolveSibling("." + target.getFileName() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
    try {
      Files.createDirectories(stateDir);
      byte[] cache = odb.cacheDir().toString().getBytes(StandardCharsets.UTF_8);
      ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + 4 + cache.length + 256 * 8 + 8 + 4);
      out.put(MAGIC).putInt(VERSION).putInt(cache.length).put(cache);
      long newest = Long.MIN_VALUE;
      for (long t : before) {
        out.putLong(t);
        newest = Math.max(newest, t);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        int body = out.position();
        ch.write(ByteBuffer.wrap(out.array(), 0, body), 0);
        long racyFrom = Files.getLastModifiedTime(tmp).to(TimeUnit.NANOSECONDS);
        for (int i = 0; racyFrom <= newest && i < 20; i++) {
          Thread.sleep(1);
          ch.write(ByteBuffer.wrap(new byte[1]), body); // overwritten below: moves the file's time
          racyFrom = Files.getLastModifiedTime(tmp).to(TimeUnit.NANOSECONDS);
        }
        out.putLong(racyFrom);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        ch.write(ByteBuffer.wrap(out.array(), body, out.position() - body), body);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a stray temp file in .dvc/tmp costs nothing
    }
  }

  private static Path file(Path stateDir, HashInfo dir) {
    return stateDir.resolve("o-" + dir.bare());
  }
}
