package dev.cairn.retry;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a failed remote call is tried again, for storage transfers and forge
 * API calls alike. At most {@code maxAttempts} tries in all; before try {@code n+1} the caller waits
 * {@link #delay(int) delay(n)}: the backoff {@code min(maxBackoff, initialBackoff × 2^(n-1))}, or,
 * with {@code jitter}, a random time between 0 and that (exponential backoff with full jitter, for
 * many parallel transfers that should not retry in step). A server that asks for a wait (a rate
 * limit's {@code Retry-After}) is obeyed when it asks for at most {@code maxWait}; {@code clock}
 * reads such reset times against now. Which failures are retryable is the caller's decision.
 *
 * @param maxAttempts tries in all, including the first (at least 1)
 * @param initialBackoff the first backoff
 * @param maxBackoff the largest backoff (at least {@code initialBackoff})
 * @param jitter whether each wait is drawn at random below the backoff
 * @param maxWait the longest wait a server may ask for before the caller gives up
 * @param clock reads server reset times against now
 * @param sleeper does the waiting
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, boolean jitter, Duration maxWait,
    Clock clock, Sleeper sleeper) {

  /** Validates the values. */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    if (maxAttempts < 1 || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("Invalid retry policy: " + maxAttempts + " attempts, backoff "
          + initialBackoff.toMillis() + ".." + maxBackoff.toMillis() + " ms");
    }
  }

  /**
   * A policy without server-requested waits, backing off with full jitter: {@code maxAttempts}
   * tries, waits below {@code baseMillis} doubling up to {@code maxMillis}.
   */
  public static RetryPolicy jittered(int maxAttempts, long baseMillis, long maxMillis, Sleeper sleeper) {
    return new RetryPolicy(maxAttempts, Duration.ofMillis(baseMillis), Duration.ofMillis(maxMillis), true, Duration.ZERO,
        Clock.systemUTC(), sleeper);
  }

  /** Transfers: five tries, waits below 200 ms doubling up to 5 s, with jitter, on the real clock. */
  public static RetryPolicy transfers() {
    return jittered(5, 200, 5_000, Sleeper.SYSTEM);
  }

  /** Forge APIs: four tries, 1 s doubling to 30 s, rate-limit waits up to 2 minutes, real clock. */
  public static RetryPolicy forgeApis() {
    return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), false, Duration.ofMinutes(2),
        Clock.systemUTC(), Sleeper.SYSTEM);
  }

  /** The same policy with another clock and sleeper (for tests). */
  public RetryPolicy withTime(Clock clock, Sleeper sleeper) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter, maxWait, clock, sleeper);
  }

  /** The same policy with at most {@code maxAttempts} tries. */
  public RetryPolicy withMaxAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter, maxWait, clock, sleeper);
  }

  /** The backoff before retry number {@code retry} (1-based): the initial one, doubled, capped. */
  public Duration backoff(int retry) {
    Duration d = initialBackoff;
    for (int i = 1; i < retry && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  /** The wait before retry number {@code retry}: the backoff, or with jitter a random time up to it. */
  public Duration delay(int retry) {
    Duration ceiling = backoff(retry);
    if (!jitter || ceiling.isZero()) {
      return ceiling;
    }
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling.toMillis() + 1));
  }
}
