package dev.cairn.forge;

/** The forge could not be reached (DNS, connection refused, time-out). */
public class ForgeConnectionException extends ForgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code httpStatus} is {@code 0} when there was no response. */
  public ForgeConnectionException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }

  /** Creates the exception without a response. */
  public ForgeConnectionException(String message) {
    super(message);
  }
}
