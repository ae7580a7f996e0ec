package dev.cairn.fuzz;

import java.nio.charset.StandardCharsets;

/** Shared bits of the fuzz targets. */
final class Fuzz {
  private Fuzz() {}

  /**
   * Coverage-guided fuzzing time per target when {@code JAZZER_FUZZ=1} (the failsafe execution);
   * without it only the seeds and regression inputs run.
   */
  static final String DURATION = "20s";

  /** A refusal must say something: a non-blank message. */
  static void checkMessage(Throwable e) {
    if (e.getMessage() == null || e.getMessage().isBlank()) {
      throw new AssertionError("refusal without a message", e);
    }
  }

  /** The input as text, the way the readers decode files (malformed bytes replaced). */
  static String text(byte[] input) {
    return new String(input, StandardCharsets.UTF_8);
  }
}
