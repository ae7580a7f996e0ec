package dev.cairn.odb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * Copies an object out of the cache into a new file: small objects through a heap buffer, larger
 * ones by the kernel ({@code transferTo}), the largest in two halves at once. The workspace's
 * placement uses it for {@code cache.type} copy.
 */
public final class ObjectCopier {
  private ObjectCopier() {}

  /** Copies {@code in}'s bytes {@code from..to} by the kernel; returns where it stopped (to, unless the file is shorter). */
  private static long transfer(FileChannel in, long from, long to, FileChannel out) throws IOException {
    long pos = from;
    while (pos < to) {
      long k = in.transferTo(pos, to - pos, out);
      if (k <= 0) {
        break;
      }
      pos += k;
    }
    return pos;
  }

  /** Objects at least this large are copied into the workspace in two halves at once. */
  public static final long PARALLEL_COPY_MIN = 64L << 20;

  /** Files up to this size are copied through a heap buffer; larger ones by the kernel (transferTo). */
  private static final long SMALL_COPY = 1 << 20;

  /** Copies {@code src} ({@code size} bytes) to a new file {@code dst} created with {@code perms} (less the umask). */
  public static void copyNew(Path src, long size, Path dst, Set<PosixFilePermission> perms) throws IOException {
    try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
         FileChannel out = FileChannel.open(dst, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
             PosixFilePermissions.asFileAttribute(perms))) {
      if (size <= SMALL_COPY) {
        // an object is immutable (named by its hash, read-only): stop at the size just stat'ed
        // instead of paying a read that returns end-of-file
        byte[] arr = ObjectWriter.HEAP.get();
        ByteBuffer buf = ByteBuffer.wrap(arr);
        long copied = 0;
        while (copied < size || size == 0) {
          buf.clear();
          int n = in.read(buf);
          if (n < 0) {
            break;
          }
          copied += n;
          buf.flip();
          while (buf.hasRemaining()) {
            out.write(buf);
          }
        }
      } else {
        long n = in.size();
        long pos;
        if (n >= PARALLEL_COPY_MIN && Runtime.getRuntime().availableProcessors() > 1) {
          // two kernel copies at once, each half through its own descriptor (its own file position)
          long half = (n / 2) & ~((1L << 20) - 1);
          Future<Long> second = PipelinedCopy.submit(() -> {
            try (FileChannel in2 = FileChannel.open(src, StandardOpenOption.READ);
                 FileChannel out2 = FileChannel.open(dst, StandardOpenOption.WRITE)) {
              out2.position(half);
              return transfer(in2, half, n, out2);
            }
          });
          long first = transfer(in, 0, half, out);
          long upTo = PipelinedCopy.await(second);
          pos = first == half ? upTo : first;
          out.position(pos);
        } else {
          pos = transfer(in, 0, n, out);
        }
        // whatever the size said, copy to the end (the object is read-only; this is a guard)
        ByteBuffer buf = ByteBuffer.wrap(ObjectWriter.HEAP.get());
        in.position(pos);
        while (in.read(buf) > 0) {
          buf.flip();
          while (buf.hasRemaining()) {
            out.write(buf);
          }
          buf.clear();
        }
      }
    }
  }
}
