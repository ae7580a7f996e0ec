package dev.cairn.forge;

/** The request cannot be made as asked: no repository or pull request could be worked out, or the forge has no such feature. */
public class ForgeUsageException extends ForgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code httpStatus} is {@code 0} when there was no response. */
  public ForgeUsageException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }

  /** Creates the exception without a response. */
  public ForgeUsageException(String message) {
    super(message);
  }
}
