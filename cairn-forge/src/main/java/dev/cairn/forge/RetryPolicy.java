package dev.cairn.forge;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How rate limits and server errors are retried. A 429 (or GitHub's 403 secondary limit) waits as
 * long as {@code Retry-After} or {@code x-ratelimit-reset} says, when that is at most {@code
 * maxWait}; a 5xx or a dropped connection waits {@code initialBackoff}, doubling up to {@code
 * maxBackoff}. At most {@code maxAttempts} requests are sent in all.
 *
 * @param maxAttempts requests sent at most, including the first (at least 1)
 * @param initialBackoff first wait after a 5xx
 * @param maxBackoff cap of the doubling wait
 * @param maxWait longest wait a rate limit may ask for before Cairn gives up
 * @param clock reads {@code x-ratelimit-reset} (epoch seconds) against now
 * @param sleeper does the waiting
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxWait,
    Clock clock,
    Sleeper sleeper) {

  /** Validates the values. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Four attempts, 1 s doubling to 30 s, rate-limit waits up to 2 minutes, real clock. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        4,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        Clock.systemUTC(),
        Sleeper.SYSTEM);
  }

  /** The same policy with another clock and sleeper (for tests). */
  public RetryPolicy withTime(Clock clock, Sleeper sleeper) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxWait, clock, sleeper);
  }

  /** The wait before retry number {@code retry} (1-based) after a server error. */
  public Duration backoff(int retry) {
    Duration d = initialBackoff;
    for (int i = 1; i < retry && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
