package dev.cairn.cli;

/** Ends a command with a given exit code and a one-line message (may be null for none). */
final class ExitException extends RuntimeException {
  private final int code;

  ExitException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }
}
