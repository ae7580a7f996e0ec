package dev.cairn.transfer;

/** Waits between retries; tests pass one that records the delays and returns at once. */
@FunctionalInterface
public interface Sleeper {
  /** The real clock. */
  Sleeper SYSTEM = Thread::sleep;

  /** Waits about {@code millis} milliseconds. */
  void sleep(long millis) throws InterruptedException;
}
