package dev.cairn.forge.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** URL helpers: RFC 8288 {@code Link} headers and path-segment encoding. */
public final class Links {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");

  private Links() {}

  /** The {@code rel="next"} target of a {@code Link} header, if any. */
  public static Optional<URI> next(Optional<String> linkHeader) {
    if (linkHeader.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = LINK.matcher(linkHeader.get());
    while (m.find()) {
      String params = m.group(2);
      if (params.matches("(?s).*;\\s*rel\\s*=\\s*\"?([^\";]*\\s)?next(\\s[^\";]*)?\"?.*")) {
        return Optional.of(URI.create(m.group(1).trim()));
      }
    }
    return Optional.empty();
  }

  /** Encodes one path segment: {@code group/sub} becomes {@code group%2Fsub}. */
  public static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Encodes a path of several segments, keeping the slashes. */
  public static String path(String s) {
    StringBuilder b = new StringBuilder();
    for (String part : s.split("/", -1)) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(segment(part));
    }
    return b.toString();
  }
}
