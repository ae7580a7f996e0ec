package dev.cairn.forge;

/** The repository, pull request, issue or commit does not exist, or the token cannot see it (HTTP 404). */
public class ForgeNotFoundException extends ForgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code httpStatus} is {@code 0} when there was no response. */
  public ForgeNotFoundException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }

  /** Creates the exception without a response. */
  public ForgeNotFoundException(String message) {
    super(message);
  }
}
