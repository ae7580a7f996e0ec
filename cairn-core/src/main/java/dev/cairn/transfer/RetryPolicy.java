package dev.cairn.transfer;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a failed request is tried again: at most {@code maxAttempts} tries in
 * all, waiting a random time between 0 and {@code min(maxDelayMillis, baseDelayMillis × 2^(n-1))}
 * before try {@code n+1} (exponential backoff with full jitter). Only retryable failures are tried
 * again: a {@link dev.cairn.storage.StorageException} whose {@code isRetryable()} is true, and a
 * download whose bytes do not match their hash (a truncated or garbled transfer; at most three
 * tries, since an object corrupt at rest never heals).
 *
 * @param maxAttempts tries in all, at least 1
 * @param baseDelayMillis first backoff ceiling
 * @param maxDelayMillis largest backoff ceiling
 * @param sleeper how to wait
 */
public record RetryPolicy(int maxAttempts, long baseDelayMillis, long maxDelayMillis, Sleeper sleeper) {
  /** Five tries, 200 ms doubling up to 5 s, on the real clock. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, 200, 5_000, Sleeper.SYSTEM);

  public RetryPolicy {
    if (maxAttempts < 1 || baseDelayMillis < 0 || maxDelayMillis < baseDelayMillis) {
      throw new IllegalArgumentException("Invalid retry policy: " + maxAttempts + " attempts, delays "
          + baseDelayMillis + ".." + maxDelayMillis + " ms");
    }
    Objects.requireNonNull(sleeper);
  }

  /** The wait before the try after {@code failedAttempt} (1-based) failed. */
  long delay(int failedAttempt) {
    long ceiling = baseDelayMillis << Math.min(failedAttempt - 1, 20);
    ceiling = Math.min(maxDelayMillis, ceiling < 0 ? maxDelayMillis : ceiling);
    return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
  }
}
