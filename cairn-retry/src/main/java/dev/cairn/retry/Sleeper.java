package dev.cairn.retry;

import java.time.Duration;

/** Waits between retries; injected so that tests never sleep on the wall clock. */
@FunctionalInterface
public interface Sleeper {
  /** The real one: {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException if the thread is interrupted; the caller gives up
   */
  void sleep(Duration duration) throws InterruptedException;
}
