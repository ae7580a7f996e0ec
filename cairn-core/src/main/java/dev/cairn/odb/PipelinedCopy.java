package dev.cairn.odb;

import dev.cairn.hash.Hashing;
import dev.cairn.storage.ChunkedInput;
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
 * Copies bytes into a file while hashing them, on two threads: the caller reads and hashes each
 * chunk, a writer thread writes the same chunk, so the copy costs little more than the MD5 alone
 * (the bottleneck at about 0.5-0.7 GB/s per core). The digest covers exactly the bytes written.
 *
 * <p>With {@code flushEvery} > 0 the writer also flushes the file to disk ({@code fdatasync}) each
 * time that many more bytes are written: the disk then works while the source is still being read,
 * and the final fsync (or syncfs) that makes the object durable finds little left to write.
 */
final class PipelinedCopy {
  private static final int CHUNK = 1 << 20;
  private static final int BUFFERS = 4;
  /** The most bytes the writer passes to one write(2). */
  private static final int SLICE = 1 << 18;
  private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cairn-cache-writer");
    t.setDaemon(true);
    return t;
  });

  /** Where the bytes come from: a file, or a download. */
  interface Source {
    /** Reads up to {@code len} bytes; -1 at the end. */
    int read(byte[] b, int off, int len) throws IOException;
  }

  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private PipelinedCopy() {}

  static String copy(FileChannel in, FileChannel out, long flushEvery) throws IOException {
    return copy((b, off, len) -> in.read(ByteBuffer.wrap(b, off, len)), out, null, Hashing.md5(in.size()), flushEvery);
  }

  /**
   * Copies all of {@code in} to {@code out}, hashing it.
   *
   * @param tee a second file the writer writes every chunk to (after {@code out}), or null; never flushed
   * @param md the digest to continue (bytes already written were fed to it), or null for a fresh one
   * @param flushEvery flush the file to disk each time this many bytes are written; 0 never
   * @return the md5 of every byte {@code md} has seen
   */
  static String copy(Source in, FileChannel out, FileChannel tee, MessageDigest md, long flushEvery) throws IOException {
    BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    for (int i = 0; i < BUFFERS; i++) {
      free.add(ByteBuffer.wrap(new byte[CHUNK]));
    }
    Writer w = new Writer(out, null, 0, tee, flushEvery, free::offer);
    Future<?> writer = WRITERS.submit(w);
    MessageDigest digest = md == null ? Hashing.md5() : md;
    try {
      boolean end = false;
      while (!end) {
        ByteBuffer b = take(free, writer);
        byte[] arr = b.array();
        int n = 0;
        while (n < CHUNK) {
          int r = in.read(arr, n, CHUNK - n);
          if (r < 0) {
            end = true;
            break;
          }
          n += r;
        }
        if (n > 0) {
          // written while it is hashed; refilled only once both are done (the writer gives it
          // back, and only this thread takes it, after hashing)
          put(w.queue, b.clear().limit(n), writer);
          digest.update(arr, 0, n);
        }
      }
      finish(w, writer);
    } catch (IOException | RuntimeException e) {
      writer.cancel(true);
      throw e;
    }
    return Hashing.hex(digest.digest());
  }

  /**
   * Copies all the chunks of {@code in} to {@code out} (and {@code tee}), hashing them into
   * {@code md}: each chunk is hashed, then written by the writer thread and released, with no copy
   * of its bytes in between. A chunk still lent when this fails is taken back by closing {@code in}.
   *
   * <p>With {@code direct}, the same file open for direct I/O ({@code O_DIRECT}), the whole blocks
   * of chunks in block-aligned native memory go to the disk from there, past the page cache (no copy
   * into it, no write-back later); the rest goes through {@code out}, and so does everything after
   * a direct write failed (a filesystem that takes the flag but not the writes).
   *
   * @param direct the file open for direct I/O, or null
   * @param block the alignment direct I/O needs (a power of two), when {@code direct} is given
   * @return the md5 of every byte {@code md} has seen
   */
  static String copyChunks(ChunkedInput in, FileChannel out, FileChannel direct, int block, FileChannel tee,
      MessageDigest md, long flushEvery) throws IOException {
    Writer w = new Writer(out, direct, block, tee, flushEvery, in::release);
    Future<?> writer = WRITERS.submit(w);
    try {
      ByteBuffer c;
      while ((c = in.nextChunk()) != null) {
        md.update(c.duplicate());
        put(w.queue, c, writer);
      }
      finish(w, writer);
    } catch (IOException | RuntimeException e) {
      writer.cancel(true);
      throw e;
    }
    return Hashing.hex(md.digest());
  }

  /** Ends the writer's queue and waits for it to write (and flush) all of it. */
  private static void finish(Writer w, Future<?> writer) throws IOException {
    try {
      put(w.queue, END, writer);
      writer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writer.cancel(true);
      throw new IOException("Interrupted while copying into the cache", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw cause(e);
    }
  }

  /**
   * Writes each queued buffer (its position to limit) to the file and the tee, then hands it to
   * {@code written}; flushes ahead as {@link PipelinedCopy} says.
   */
  private static final class Writer implements java.util.concurrent.Callable<Void> {
    final BlockingQueue<ByteBuffer> queue = new ArrayBlockingQueue<>(BUFFERS);
    private final FileChannel out;
    private final FileChannel tee;
    private final long flushEvery;
    private final java.util.function.Consumer<ByteBuffer> written;
    /** The same file open for direct I/O, or null (also once a direct write failed); see {@link #copyChunks}. */
    private FileChannel direct;
    private final int block;
    /** Where the next bytes go in {@code out} and in {@code tee}. */
    private long position;
    private long teePosition;

    Writer(FileChannel out, FileChannel direct, int block, FileChannel tee, long flushEvery,
        java.util.function.Consumer<ByteBuffer> written) throws IOException {
      this.out = out;
      this.direct = direct;
      this.block = block;
      this.position = out.position(); // a download may have written its first bytes already
      this.tee = tee;
      this.teePosition = tee == null ? 0 : tee.position();
      this.flushEvery = flushEvery;
      this.written = written;
    }

    @Override
    public Void call() throws Exception {
      long unflushed = 0;
      Future<?> flushing = null;
      while (true) {
        ByteBuffer c = queue.take();
        if (c == END) {
          out.position(position); // positional writes leave the channels' positions behind
          if (tee != null) {
            tee.position(teePosition);
          }
          if (flushing != null) {
            await(flushing);
          }
          return null;
        }
        int n = c.remaining();
        try {
          position = writeOut(c.duplicate());
          if (tee != null) {
            teePosition = writeSliced(tee, c.duplicate(), teePosition);
          }
        } finally {
          written.accept(c);
        }
        unflushed += n;
        // the flush runs beside the writes (on a third thread): a writer waiting for the disk
        // would stall the hashing after a few chunks
        if (flushEvery > 0 && unflushed >= flushEvery && (flushing == null || flushing.isDone())) {
          if (flushing != null) {
            await(flushing); // done: rethrows what the flush threw
          }
          flushing = WRITERS.submit(() -> {
            out.force(false);
            return null;
          });
          unflushed = 0;
        }
      }
    }

    /**
     * Writes {@code b} to {@code out} at {@link #position}: its whole blocks through {@link #direct}
     * when the memory and the position are aligned, the rest (and everything without direct I/O)
     * through the page cache; returns the position after it.
     */
    private long writeOut(ByteBuffer b) throws IOException {
      long at = position;
      if (direct != null && b.isDirect() && at % block == 0 && b.alignmentOffset(b.position(), block) == 0) {
        int whole = b.remaining() - b.remaining() % block;
        ByteBuffer d = b.duplicate();
        d.limit(d.position() + whole);
        try {
          while (d.hasRemaining()) {
            at += direct.write(d, at);
          }
        } catch (IOException e) {
          direct = null; // the page cache from here on, from where the direct writes stopped
        }
        b.position(d.position());
      }
      return writeSliced(out, b, at);
    }

    /**
     * Writes {@code b} at {@code at} in slices of {@link #SLICE} and returns the position after it:
     * one write(2) of a whole 16 MiB download chunk took the kernel five times as long to copy into
     * the page cache as the same bytes in 256 KiB writes (1.8 s against 0.3 s per GiB here).
     */
    private static long writeSliced(FileChannel ch, ByteBuffer b, long at) throws IOException {
      int end = b.limit();
      while (b.position() < end) {
        b.limit(Math.min(end, b.position() + SLICE));
        while (b.hasRemaining()) {
          at += ch.write(b, at);
        }
      }
      return at;
    }
  }

  /** Runs a task on the writer pool (for other two-thread copies of this package). */
  static <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
    return WRITERS.submit(task);
  }

  /** Waits for a task of {@link #submit}, rethrowing its IOException as is. */
  static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      throw new java.io.InterruptedIOException("Interrupted while copying");
    } catch (java.util.concurrent.ExecutionException e) {
      throw cause(e);
    }
  }

  /** What a task threw: an IOException as it is; runtime exceptions and errors (bugs) are rethrown. */
  private static IOException cause(java.util.concurrent.ExecutionException e) {
    return dev.cairn.internal.Causes.asIOException(e.getCause());
  }

  private static ByteBuffer take(BlockingQueue<ByteBuffer> q, Future<?> writer) throws IOException {
    try {
      while (true) {
        ByteBuffer b = q.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (b != null) {
          return b;
        }
        failIfDone(writer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("Interrupted while copying into the cache");
    }
  }

  private static void put(BlockingQueue<ByteBuffer> q, ByteBuffer c, Future<?> writer) throws IOException {
    try {
      while (!q.offer(c, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        failIfDone(writer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("Interrupted while copying into the cache");
    }
  }

  private static void failIfDone(Future<?> writer) throws IOException, InterruptedException {
    if (writer.isDone()) {
      try {
        writer.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw cause(e);
      }
      throw new IOException("The cache writer stopped early");
    }
  }
}
