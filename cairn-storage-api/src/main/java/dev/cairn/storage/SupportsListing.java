package dev.cairn.storage;

import java.io.IOException;
import java.util.function.Consumer;

/** A {@link Storage} that can list its keys by prefix. */
public interface SupportsListing {
  /**
   * Calls {@code sink} with every key that starts with {@code prefix} (a plain string prefix, not
   * necessarily ending at a {@code /}). Order is unspecified. {@code sink} may return early by
   * throwing {@link StopListing}.
   */
  void list(String prefix, Consumer<String> sink) throws IOException;

  /** Thrown by a listing sink to stop the listing early; swallowed by {@link #list}. */
  final class StopListing extends RuntimeException {
    public StopListing() {
      super(null, null, false, false);
    }
  }
}
