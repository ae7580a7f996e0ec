package dev.cairn.forge;

/**
 * A forge call failed. The message is one line for the user: what failed, the offending value and
 * what to do next; it never contains a token. Subtypes say why, so the CLI can pick an exit code.
 */
public class ForgeException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;

  /** A failure with the HTTP status that caused it ({@code 0} when there was none). */
  public ForgeException(String message, int httpStatus, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  /** A failure with no HTTP status. */
  public ForgeException(String message) {
    this(message, 0, null);
  }

  /** The HTTP status behind the failure, or {@code 0}. */
  public int httpStatus() {
    return httpStatus;
  }
}
