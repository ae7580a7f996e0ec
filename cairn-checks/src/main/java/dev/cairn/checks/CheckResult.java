package dev.cairn.checks;

/** The outcome of one check: whether it passed, and a sentence with the numbers either way. */
public interface CheckResult {
  /** Returns whether the condition of the check holds. */
  boolean passed();

  /** Returns a one-sentence description with the measured numbers and the threshold. */
  String message();

  /**
   * Returns this result when it passed.
   *
   * @throws AssertionError with {@link #message()} when it did not
   */
  default CheckResult assertPassed() {
    if (!passed()) {
      throw new AssertionError(message());
    }
    return this;
  }
}
