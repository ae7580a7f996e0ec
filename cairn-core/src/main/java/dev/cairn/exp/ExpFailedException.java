package dev.cairn.exp;

import dev.cairn.errors.CairnException;

/**
 * Some queued or temp experiments failed (exit code 1); {@link #result()} holds those that
 * completed as well as the failures.
 */
public final class ExpFailedException extends CairnException {
  private final transient ExpRunResult result;

  public ExpFailedException(String message, ExpRunResult result) {
    super(Kind.FAILED, message);
    this.result = result;
  }

  /** Every experiment that completed and every failure. */
  public ExpRunResult result() {
    return result;
  }
}
