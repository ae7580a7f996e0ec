package dev.cairn.internal;

import java.io.IOException;

/** What a task on another thread threw, handed back to the thread that waited for it. */
public final class Causes {
  private Causes() {}

  /**
   * The cause as an IOException for the caller to throw: an IOException as it is, any other checked
   * exception wrapped. Runtime exceptions and errors (bugs) are rethrown here, as they are.
   */
  public static IOException asIOException(Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException re) {
      throw re;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new IOException(cause);
  }
}
