package dev.cairn.api.errors;

import dev.cairn.errors.CairnException;
import dev.cairn.transfer.TransferResult;

/**
 * A push, fetch or pull ran but some objects could not be transferred (or checked out). The
 * message is one line naming the first failures; {@link #result()} has all of them and the counts
 * of what did succeed. Exit code 1.
 */
public final class TransferFailedException extends CairnException {
  private final transient TransferResult result;

  public TransferFailedException(String message, TransferResult result) {
    super(Kind.FAILED, message);
    this.result = result;
  }

  /** What was transferred, what was already there, and every failure. */
  public TransferResult result() {
    return result;
  }
}
