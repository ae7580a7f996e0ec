package dev.cairn.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** The per-session secret: 32 random bytes, URL-safe Base64; compared in constant time. */
final class Token {
  private final String value;

  private Token(String value) {
    this.value = value;
  }

  static Token random() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return new Token(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
  }

  String value() {
    return value;
  }

  boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Token[hidden]";
  }
}
