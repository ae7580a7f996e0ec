package dev.cairn.forge;

/** A rate limit was still in force after the allowed retries or would need too long a wait (HTTP 429, or 403 for GitHub's secondary limit). */
public class ForgeRateLimitException extends ForgeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code httpStatus} is {@code 0} when there was no response. */
  public ForgeRateLimitException(String message, int httpStatus, Throwable cause) {
    super(message, httpStatus, cause);
  }

  /** Creates the exception without a response. */
  public ForgeRateLimitException(String message) {
    super(message);
  }
}
