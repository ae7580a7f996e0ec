package dev.cairn.storage;

import java.io.IOException;

/**
 * A storage operation failed. The message is written for the user (what failed, on which object or
 * location, and the next step) and never contains credentials.
 */
public class StorageException extends IOException {
  private final boolean retryable;

  public StorageException(String message) {
    this(message, null, false);
  }

  public StorageException(String message, Throwable cause) {
    this(message, cause, false);
  }

  public StorageException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether the same request may succeed if tried again (5xx, throttling, reset, timeout). */
  public boolean isRetryable() {
    return retryable;
  }
}
