package dev.cairn.forge;

/** The forge kept failing (HTTP 5xx after the allowed retries) or answered something this client cannot read. */
public class ForgeServerException extends ForgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code httpStatus} is {@code 0} when there was no response. */
  public ForgeServerException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }

  /** Creates the exception without a response. */
  public ForgeServerException(String message) {
    super(message);
  }
}
