package dev.cairn.odb;

import dev.cairn.lib.Hashing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies a large file while hashing it, on two threads: the caller reads and hashes each chunk,
 * a writer thread writes the same chunk, so the copy costs little more than the MD5 alone (MD5 is
 * the bottleneck at about 0.5–0.7 GB/s per core). The digest covers exactly the bytes written.
 */
final class PipelinedCopy {
  private static final int CHUNK = 1 << 20;
  private static final int BUFFERS = 4;
  private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cairn-cache-writer");
    t.setDaemon(true);
    return t;
  });

  private record Chunk(byte[] data, int len) {}

  private static final Chunk END = new Chunk(new byte[0], -1);

  private PipelinedCopy() {}

  static String copy(FileChannel in, FileChannel out) throws IOException {
    BlockingQueue<Chunk> toWrite = new ArrayBlockingQueue<>(BUFFERS);
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new byte[CHUNK]);
    }
    Future<?> writer = WRITERS.submit(() -> {
      while (true) {
        Chunk c = toWrite.take();
        if (c == END) {
          return null;
        }
        ByteBuffer b = ByteBuffer.wrap(c.data, 0, c.len);
        while (b.hasRemaining()) {
          out.write(b);
        }
        free.put(c.data);
      }
    });
    MessageDigest md = Hashing.md5();
    try {
      while (true) {
        byte[] arr = take(free, writer);
        ByteBuffer b = ByteBuffer.wrap(arr);
        int n = 0;
        while (b.hasRemaining()) {
          int r = in.read(b);
          if (r < 0) {
            break;
          }
          n += r;
        }
        if (n == 0) {
          break;
        }
        put(toWrite, new Chunk(arr, n), writer);
        md.update(arr, 0, n);
        if (n < CHUNK) {
          break;
        }
      }
      put(toWrite, END, writer);
      writer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writer.cancel(true);
      throw new IOException("Interrupted while copying into the cache", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof IOException io ? io : new IOException(c);
    }
    return Hashing.hex(md.digest());
  }

  private static byte[] take(BlockingQueue<byte[]> q, Future<?> writer) throws InterruptedException, IOException {
    while (true) {
      byte[] b = q.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (b != null) {
        return b;
      }
      failIfDone(writer);
    }
  }

  private static void put(BlockingQueue<Chunk> q, Chunk c, Future<?> writer) throws InterruptedException, IOException {
    while (!q.offer(c, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      failIfDone(writer);
    }
  }

  private static void failIfDone(Future<?> writer) throws IOException, InterruptedException {
    if (writer.isDone()) {
      try {
        writer.get();
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable c = e.getCause();
        throw c instanceof IOException io ? io : new IOException(c);
      }
      throw new IOException("The cache writer stopped early");
    }
  }
}
