package dev.cairn.errors;

/**
 * Something that should not happen: a bug, not a user error. Unchecked, so that signatures stay
 * clean; the CLI reports it with exit code 4 and asks for a bug report.
 */
public class CairnInternalException extends RuntimeException {
  public CairnInternalException(String message, Throwable cause) {
    super(message, cause);
  }
}
