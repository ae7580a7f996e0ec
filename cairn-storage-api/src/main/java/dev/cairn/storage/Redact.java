package dev.cairn.storage;

import java.util.Collection;

/** Removes credentials from URLs and messages before they reach the user or a log. */
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

  /**
   * Replaces every occurrence in {@code text} of each secret value with {@code ***}: a last line of
   * defence for messages that quote a server's or an SDK's words. Blank and very short values (under
   * four characters) are left alone, since masking them would garble ordinary text. A {@code null}
   * text stays {@code null}.
   */
  public static String values(String text, Collection<String> secrets) {
    if (text == null) {
      return null;
    }
    String t = text;
    for (String s : secrets) {
      if (s != null && s.strip().length() >= 4) {
        t = t.replace(s, "***");
      }
    }
    return t;
  }
}
