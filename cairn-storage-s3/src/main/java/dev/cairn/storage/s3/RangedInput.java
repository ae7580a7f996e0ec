package dev.cairn.storage.s3;

import dev.cairn.storage.ChunkedInput;
import dev.cairn.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The body of a large object, downloaded as several ranged GETs at once (one TCP stream is slower
 * than what the disk and the MD5 take). The first GET's body supplies the first chunk while the
 * following chunks are fetched ahead by pool threads into memory; the reader gets every byte in
 * order. Each chunk held in memory takes a permit of a semaphore shared by all downloads, so memory
 * stays bounded; a reader blocks for a permit only when it holds none. Every range is asked for with
 * the first response's ETag ({@code If-Match}), so a replaced object fails instead of mixing two
 * versions; the caller still verifies the bytes against the object's hash.
 *
 * <p>Fetched chunks live in direct buffers, reused through a pool shared by the storage's downloads:
 * the fetching thread copies each range into one, and a {@link ChunkedInput} consumer hashes and
 * writes it from there without copying it again. Reading is not thread-safe; {@link #release} may
 * be called from any thread.
 */
final class RangedInput extends InputStream implements ChunkedInput {
  /** Bytes of the first response handed out per chunk (read on the caller's thread). */
  private static final int FIRST_PIECE = 1 << 20;
  /** What a fetching thread reads from the socket at a time, before copying it into the chunk. */
  private static final int SCRATCH = 1 << 17;
  private static final int ALIGN = 1 << 16;

  private final S3Direct direct;
  private final String objectKey;
  private final String etag;
  private final long total;
  private final int chunk;
  private final int ahead;
  private final ExecutorService pool;
  private final Semaphore permits;
  /** Chunk buffers free for the next ranges, shared by the storage's downloads. */
  private final Queue<ByteBuffer> spare;
  private final ArrayDeque<Future<ByteBuffer>> fetching = new ArrayDeque<>();
  /** Chunks lent by {@link #nextChunk} and not yet released, each holding one permit. */
  private final Set<ByteBuffer> lent = Collections.newSetFromMap(new IdentityHashMap<>());
  /** The first response's body, until its chunk has been read. */
  private InputStream first;
  private long firstLeft;
  /** The chunk being read, holding one permit, or null. */
  private ByteBuffer current;
  private long next;
  private volatile boolean closed;

  RangedInput(S3Direct direct, String objectKey, S3Direct.Response response, int chunk, int ahead,
      ExecutorService pool, Semaphore permits, Queue<ByteBuffer> spare) {
    this.direct = direct;
    this.objectKey = objectKey;
    this.etag = response.etag();
    this.total = response.contentLength();
    this.chunk = chunk;
    this.ahead = ahead;
    this.pool = pool;
    this.permits = permits;
    this.spare = spare;
    this.first = response.body();
    this.firstLeft = Math.min(chunk, total);
    this.next = firstLeft;
    fetchAhead();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    checkOpen();
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (first != null) {
        int n = first.read(b, off, (int) Math.min(len, firstLeft));
        if (n < 0) {
          throw endedEarly();
        }
        firstLeft -= n;
        if (firstLeft == 0) {
          dropFirst();
        }
        return n;
      }
      if (current != null) {
        if (current.hasRemaining()) {
          int n = Math.min(len, current.remaining());
          current.get(b, off, n);
          return n;
        }
        recycle(current);
        current = null;
      }
      current = take();
      if (current == null) {
        return -1;
      }
    }
  }

  @Override
  public ByteBuffer nextChunk() throws IOException {
    checkOpen();
    if (first != null) {
      byte[] piece = new byte[(int) Math.min(FIRST_PIECE, firstLeft)];
      int n = first.readNBytes(piece, 0, piece.length);
      if (n < piece.length) {
        throw endedEarly();
      }
      firstLeft -= n;
      if (firstLeft == 0) {
        dropFirst();
      }
      return ByteBuffer.wrap(piece); // not lent: nothing to give back
    }
    ByteBuffer c = current;
    current = null;
    if (c != null && !c.hasRemaining()) {
      recycle(c);
      c = null;
    }
    if (c == null) {
      c = take();
      if (c == null) {
        return null;
      }
    }
    synchronized (lent) {
      lent.add(c);
    }
    return c;
  }

  @Override
  public void release(ByteBuffer c) {
    synchronized (lent) {
      if (!lent.remove(c)) {
        return; // not lent, or taken back by close()
      }
    }
    recycle(c);
  }

  /** Gives a chunk's buffer to the next range (unless closed: then it is dropped) and its permit back. */
  private void recycle(ByteBuffer c) {
    if (!closed) {
      spare.offer(c);
    }
    permits.release();
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("Stream closed");
    }
  }

  private StorageException endedEarly() {
    return new StorageException("Download of '" + objectKey + "' ended after "
        + (Math.min(chunk, total) - firstLeft) + " of " + total + " bytes; try again", null, true);
  }

  /** The next fetched chunk (waiting for it), holding a permit; null at the end of the object. */
  private ByteBuffer take() throws IOException {
    if (fetching.isEmpty()) {
      if (next >= total) {
        return null;
      }
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while downloading '" + objectKey + "'");
      }
      submit();
    }
    Future<ByteBuffer> f = fetching.poll();
    ByteBuffer data;
    try {
      data = f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      permits.release();
      throw new InterruptedIOException("Interrupted while downloading '" + objectKey + "'");
    } catch (ExecutionException e) {
      permits.release();
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("Download of '" + objectKey + "' failed: " + c, c);
    }
    fetchAhead();
    return data;
  }

  /** Starts fetching further chunks while permits are free, up to {@code ahead} at once. */
  private void fetchAhead() {
    while (fetching.size() < ahead && next < total && permits.tryAcquire()) {
      submit();
    }
  }

  /** Submits the range at {@code next}; the caller holds a permit for it. */
  private void submit() {
    long from = next;
    int length = (int) Math.min(chunk, total - from);
    next += length;
    try {
      fetching.add(pool.submit(() -> fetch(from, length)));
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private ByteBuffer fetch(long from, int length) throws IOException {
    S3Direct.Response r = direct.getRange(objectKey, from, length, etag);
    try (InputStream in = r.body()) {
      ByteBuffer data = spare.poll();
      if (data == null || data.capacity() < length) {
        // page-aligned: the whole buffer can go to a file opened for direct I/O
        data = ByteBuffer.allocateDirect(chunk + 2 * ALIGN).alignedSlice(ALIGN); // capacity >= chunk
      }
      data.clear();
      byte[] scratch = new byte[Math.min(SCRATCH, length)];
      int n = 0;
      while (n < length) {
        int k = in.read(scratch, 0, Math.min(scratch.length, length - n));
        if (k < 0) {
          throw new StorageException("Download of bytes " + from + "-" + (from + length - 1) + " of '" + objectKey
              + "' ended after " + n + " bytes; try again", null, true);
        }
        data.put(scratch, 0, k);
        n += k;
      }
      return data.flip();
    }
  }

  private void dropFirst() {
    InputStream in = first;
    first = null;
    try {
      if (in instanceof software.amazon.awssdk.http.Abortable a) {
        a.abort(); // the rest of its body comes from the ranges
      }
      in.close();
    } catch (IOException | RuntimeException e) {
      // the connection is dropped either way
    }
  }

  /** Stops the fetches under way and gives back every permit this stream holds, lent chunks' too. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (first != null) {
      dropFirst();
    }
    if (current != null) {
      current = null;
      permits.release();
    }
    int taken;
    synchronized (lent) {
      taken = lent.size();
      lent.clear(); // dropped: a late release is ignored, and the buffer is not reused
    }
    permits.release(taken);
    for (Future<ByteBuffer> f : fetching) {
      f.cancel(true);
      permits.release();
    }
    fetching.clear();
  }
}
