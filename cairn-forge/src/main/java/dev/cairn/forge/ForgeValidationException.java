package dev.cairn.forge;

/** The forge refused the request's content (HTTP 400 or 422), e.g. a body over the size limit; the message includes the forge's own words. */
public class ForgeValidationException extends ForgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code httpStatus} is {@code 0} when there was no response. */
  public ForgeValidationException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }

  /** Creates the exception without a response. */
  public ForgeValidationException(String message) {
    super(message);
  }
}
