package dev.cairn.repro;

import dev.cairn.errors.CairnException;

/**
 * A stage failed during {@code repro}: {@code failed to reproduce 'train': command exited with code
 * 2}. Thrown by the porcelain after the run has finished (other stages may have been recorded);
 * {@link #result()} tells what ran, failed and was skipped.
 */
public class StageFailedException extends CairnException {
  private static final long serialVersionUID = 1L;
  private final transient ReproResult result;

  public StageFailedException(String message, ReproResult result) {
    super(Kind.FAILED, message);
    this.result = result;
  }

  /** The outcome of every planned stage. */
  public ReproResult result() {
    return result;
  }
}
