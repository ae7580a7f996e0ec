package dev.cairn.storage;

/** Removes credentials from URLs before they reach a message or a log. */
public final class Redact {
  private Redact() {}

  /** {@code s3://key:secret@host/x} becomes {@code s3://***@host/x}; a query string is dropped. */
  public static String url(String url) {
    if (url == null) {
      return null;
    }
    String u = url;
    int q = u.indexOf('?');
    if (q >= 0) {
      u = u.substring(0, q) + "?***";
    }
    int s = u.indexOf("://");
    if (s < 0) {
      return u;
    }
    int at = u.indexOf('@', s + 3);
    int slash = u.indexOf('/', s + 3);
    if (at >= 0 && (slash < 0 || at < slash)) {
      int colon = u.indexOf(':', s + 3);
      if (colon >= 0 && colon < at) {
        return u.substring(0, colon) + ":***" + u.substring(at);
      }
    }
    return u;
  }
}
