package dev.cairn.transfer;

import dev.cairn.odb.CorruptObjectException;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.storage.StorageException;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Runs one request under a {@link RetryPolicy}. Only retryable failures are tried again: a {@link
 * StorageException} whose {@code isRetryable()} is true, and a download whose bytes do not match
 * their hash (a truncated or garbled transfer; at most {@link #MAX_CORRUPT_ATTEMPTS} tries, since an
 * object corrupt at rest never heals). Thread-safe.
 */
public final class Retrier {
  /** A request that may fail with an {@link IOException}. */
  @FunctionalInterface
  public interface Request<T> {
    T call() throws IOException;
  }

  /**
   * A download that does not hash to its name is tried at most this often: a truncated transfer
   * heals on the next try, an object corrupt at rest never does.
   */
  static final int MAX_CORRUPT_ATTEMPTS = 3;

  private final RetryPolicy policy;

  public Retrier(RetryPolicy policy) {
    this.policy = policy;
  }

  /** Runs {@code request}, again after the policy's delay while it fails in a way that may heal. */
  public <T> T call(Request<T> request) throws IOException {
    int corrupt = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        return request.call();
      } catch (IOException e) {
        if (e instanceof CorruptObjectException) {
          corrupt++;
        }
        if (!retryable(e) || attempt >= policy.maxAttempts() || corrupt >= MAX_CORRUPT_ATTEMPTS) {
          throw e;
        }
        try {
          policy.sleeper().sleep(policy.delay(attempt));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          InterruptedIOException x = new InterruptedIOException("Interrupted while waiting to retry");
          x.addSuppressed(e);
          throw x;
        }
      }
    }
  }

  static boolean retryable(IOException e) {
    return (e instanceof StorageException se && se.isRetryable()) || e instanceof CorruptObjectException;
  }
}
