package dev.cairn.transfer;

import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.SupportsListing;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Injects faults on a seeded share of calls: retryable errors from every operation, downloads
 * silently truncated or broken mid-stream, uploads broken mid-write. Which call fails depends on the
 * seed, the operation, the key and how many times that key was used, never on thread timing, so
 * runs are reproducible.
 */
public final class FaultyStorage extends ForwardingStorage {
  private final long seed;
  private final int percent;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  final AtomicInteger faults = new AtomicInteger();

  /** How many faults were injected so far. */
  public int faults() {
    return faults.get();
  }

  /**
   * @param delegate the real storage
   * @param seed fixes which calls fail
   * @param percent share of calls that fail, 0..100
   */
  public FaultyStorage(Storage delegate, long seed, int percent) {
    super(delegate);
    this.seed = seed;
    this.percent = percent;
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** 0 = no fault, otherwise a fault kind 1..3. */
  private int fault(String op, String key) {
    int n = calls.computeIfAbsent(op + ":" + key, k -> new AtomicInteger()).getAndIncrement();
    long h = mix(seed ^ mix(key.hashCode() ^ mix(op.hashCode() + n * 0x9E3779B97F4A7C15L)));
    int r = (int) Long.remainderUnsigned(h, 100);
    if (r >= percent) {
      return 0;
    }
    faults.incrementAndGet();
    return 1 + (int) Long.remainderUnsigned(h >>> 8, 3);
  }

  private static StorageException transientError(String what) {
    return new StorageException("503 Slow Down on " + what, null, true);
  }

  @Override
  public InputStream open(String key) throws IOException {
    int f = fault("open", key);
    if (f == 1) {
      throw transientError(key);
    }
    InputStream in = delegate.open(key);
    if (f == 0) {
      return in;
    }
    byte[] all = in.readAllBytes();
    in.close();
    int cut = all.length / 2;
    return new FilterInputStream(new java.io.ByteArrayInputStream(all, 0, cut)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0 && f == 3) {
          throw new StorageException("Connection reset reading " + key, null, true);
        }
        return n; // f == 2: the stream just ends early
      }
    };
  }

  @Override
  public AtomicOutput create(String key) throws IOException {
    int f = fault("create", key);
    if (f == 1) {
      throw transientError(key);
    }
    AtomicOutput out = delegate.create(key);
    return new AtomicOutput() {
      long written;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (f != 0 && written + len > 1) {
          int part = (int) Math.max(0, 1 - written);
          out.write(b, off, part);
          written += part;
          throw new StorageException("Connection reset writing " + key, null, true);
        }
        out.write(b, off, len);
        written += len;
      }

      @Override
      public void close() throws IOException {
        if (f != 0) {
          out.abort();
          throw new StorageException("500 Internal Error completing " + key, null, true);
        }
        out.close();
      }

      @Override
      public void abort() throws IOException {
        out.abort();
      }
    };
  }

  @Override
  public boolean exists(String key) throws IOException {
    if (fault("exists", key) != 0) {
      throw transientError(key);
    }
    return delegate.exists(key);
  }

  @Override
  public String describe() {
    return "faulty:" + delegate.describe();
  }

  @Override
  public void list(String prefix, Consumer<String> sink) throws IOException {
    if (fault("list", prefix) != 0) {
      throw transientError("list " + prefix);
    }
    ((SupportsListing) delegate).list(prefix, sink);
  }
}
