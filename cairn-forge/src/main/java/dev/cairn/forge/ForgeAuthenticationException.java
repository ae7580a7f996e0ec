package dev.cairn.forge;

/** The forge rejected the token (HTTP 401), or no token was found. */
public class ForgeAuthenticationException extends ForgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code httpStatus} is {@code 0} when there was no response. */
  public ForgeAuthenticationException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }

  /** Creates the exception without a response. */
  public ForgeAuthenticationException(String message) {
    super(message);
  }
}
