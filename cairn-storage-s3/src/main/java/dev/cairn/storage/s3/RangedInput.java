package dev.cairn.storage.s3;

import dev.cairn.storage.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The body of a large object, downloaded as several ranged GETs at once (one TCP stream is slower
 * than what the disk and the MD5 take). The first GET's body supplies the first chunk while the
 * following chunks are fetched ahead by pool threads into memory; the reader gets every byte in
 * order. Each chunk held in memory takes a permit of a semaphore shared by all downloads, so memory
 * stays bounded; a reader blocks for a permit only when it holds none. Every range is asked for with
 * the first response's ETag ({@code If-Match}), so a replaced object fails instead of mixing two
 * versions; the caller still verifies the bytes against the object's hash. Not thread-safe.
 */
final class RangedInput extends InputStream {
  private final S3Direct direct;
  private final String objectKey;
  private final String etag;
  private final long total;
  private final int chunk;
  private final int ahead;
  private final ExecutorService pool;
  private final Semaphore permits;
  private final ArrayDeque<Future<byte[]>> fetching = new ArrayDeque<>();
  /**
   * Chunk buffers read to the end, for the next ranges: a large object reuses a handful of buffers
   * instead of allocating (and zeroing) its whole size.
   */
  private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();
  /** The first response's body, until its chunk has been read. */
  private InputStream first;
  private long firstLeft;
  /** The chunk being read, holding one permit, or null; {@code currentData} is its buffer. */
  private ByteArrayInputStream current;
  private byte[] currentData;
  private long next;
  /** Where the next chunk taken by the reader starts. */
  private long readFrom;
  private boolean closed;

  RangedInput(S3Direct direct, String objectKey, S3Direct.Response response, int chunk, int ahead,
      ExecutorService pool, Semaphore permits) {
    this.direct = direct;
    this.objectKey = objectKey;
    this.etag = response.etag();
    this.total = response.contentLength();
    this.chunk = chunk;
    this.ahead = ahead;
    this.pool = pool;
    this.permits = permits;
    this.first = response.body();
    this.firstLeft = Math.min(chunk, total);
    this.next = firstLeft;
    this.readFrom = firstLeft;
    fetchAhead();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("Stream closed");
    }
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (first != null) {
        int n = first.read(b, off, (int) Math.min(len, firstLeft));
        if (n < 0) {
          throw new StorageException("Download of '" + objectKey + "' ended after "
              + (Math.min(chunk, total) - firstLeft) + " of " + total + " bytes; try again", null, true);
        }
        firstLeft -= n;
        if (firstLeft == 0) {
          dropFirst();
        }
        return n;
      }
      if (current != null) {
        int n = current.read(b, off, len);
        if (n > 0) {
          return n;
        }
        current = null;
        spare.offer(currentData);
        currentData = null;
        permits.release();
      }
      if (!nextChunk()) {
        return -1;
      }
    }
  }

  /** Makes the next fetched chunk current (waiting for it); false at the end of the object. */
  private boolean nextChunk() throws IOException {
    if (fetching.isEmpty()) {
      if (next >= total) {
        return false;
      }
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while downloading '" + objectKey + "'");
      }
      submit();
    }
    Future<byte[]> f = fetching.poll();
    byte[] data;
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
    int length = (int) Math.min(chunk, total - readFrom);
    readFrom += length;
    current = new ByteArrayInputStream(data, 0, length);
    currentData = data;
    fetchAhead();
    return true;
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

  private byte[] fetch(long from, int length) throws IOException {
    S3Direct.Response r = direct.getRange(objectKey, from, length, etag);
    try (InputStream in = r.body()) {
      byte[] data = spare.poll();
      if (data == null) {
        data = new byte[chunk];
      }
      int n = 0;
      while (n < length) {
        int k = in.read(data, n, length - n);
        if (k < 0) {
          throw new StorageException("Download of bytes " + from + "-" + (from + length - 1) + " of '" + objectKey
              + "' ended after " + n + " bytes; try again", null, true);
        }
        n += k;
      }
      return data;
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

  /** Stops the fetches under way and gives back every permit this stream holds. */
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
      currentData = null;
      permits.release();
    }
    spare.clear();
    for (Future<byte[]> f : fetching) {
      f.cancel(true);
      permits.release();
    }
    fetching.clear();
  }
}
