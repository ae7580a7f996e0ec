package dev.cairn.forge;

import java.util.Objects;

/**
 * A forge credential. The value leaves this object only through {@link #reveal()}, which the HTTP
 * layer calls to build the {@code Authorization} header; {@link #toString()} prints a mask, so a
 * token never reaches a message, a log line or a debugger's summary by accident.
 */
public final class Token {
  private final String value;
  private final String source;

  private Token(String value, String source) {
    this.value = value;
    this.source = source;
  }

  /**
   * Wraps a token.
   *
   * @param value the secret, neither blank nor containing line breaks
   * @param source where it came from, for messages (e.g. {@code "REPO_TOKEN"}, {@code "--token"})
   * @throws IllegalArgumentException if the value is blank or spans lines (the message does not
   *     contain the value)
   */
  public static Token of(String value, String source) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
    if (value.isBlank()) {
      throw new IllegalArgumentException("The token from " + source + " is empty");
    }
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("The token from " + source + " spans several lines");
    }
    return new Token(value.trim(), source);
  }

  /** The secret itself; only for building a request header. */
  public String reveal() {
    return value;
  }

  /** Where the token came from, e.g. {@code GITHUB_TOKEN}; safe to print. */
  public String source() {
    return source;
  }

  /**
   * Replaces every occurrence of the secret in {@code text} with {@code ***}; used on server
   * messages before they become exception messages.
   */
  public String redact(String text) {
    if (text == null || value.isEmpty()) {
      return text;
    }
    return text.replace(value, "***");
  }

  @Override
  public String toString() {
    return "Token[from " + source + ", ***]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Token && ((Token) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
