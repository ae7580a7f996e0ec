package dev.cairn.storage.testkit;

import java.time.Duration;

/**
 * What a {@link FaultProxy} does to the traffic it carries.
 *
 * @param errorRate share of requests (0..1) answered by the proxy itself with {@code 503} and never
 *     forwarded
 * @param resetRate share of requests whose connection is reset (TCP RST) in the middle of the
 *     body: the request body when there is one, otherwise the response body
 * @param delay added before each forwarded request (a slow server)
 * @param seed makes the choice of faulty requests repeatable
 */
public record Faults(double errorRate, double resetRate, Duration delay, long seed) {
  public Faults {
    if (errorRate < 0 || errorRate > 1 || resetRate < 0 || resetRate > 1 || errorRate + resetRate > 1) {
      throw new IllegalArgumentException("rates must be within 0..1 and add up to at most 1");
    }
    if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(30)) > 0) {
      throw new IllegalArgumentException("delay must be within 0..30 s");
    }
  }

  /** No faults: a transparent proxy. */
  public static Faults none() {
    return new Faults(0, 0, Duration.ZERO, 0);
  }

  /** Errors and resets at the given rates, no delay. */
  public static Faults of(double errorRate, double resetRate, long seed) {
    return new Faults(errorRate, resetRate, Duration.ZERO, seed);
  }

  /** Only a delay before each request. */
  public static Faults slow(Duration delay) {
    return new Faults(0, 0, delay, 0);
  }
}
