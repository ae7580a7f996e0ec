package dev.cairn.storage.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP Digest authentication (RFC 7616, {@code qop=auth} or none; MD5 or SHA-256). Keeps the
 * last challenge so that later requests answer it at once; a {@code 401} refreshes it.
 */
final class DigestAuth {
  private final String user;
  private final String password;
  private final SecureRandom random = new SecureRandom();
  private volatile Challenge challenge;

  private record Challenge(String realm, String nonce, String opaque, String algorithm, boolean qopAuth,
      AtomicInteger count) {}

  DigestAuth(String user, String password) {
    this.user = user;
    this.password = password == null ? "" : password;
  }

  /** Whether a challenge is known, so that {@link #header} can be used before the first 401. */
  boolean ready() {
    return challenge != null;
  }

  /** Takes a {@code WWW-Authenticate} value; returns false if it is not a usable Digest challenge. */
  boolean accept(String wwwAuthenticate) {
    if (wwwAuthenticate == null || !wwwAuthenticate.regionMatches(true, 0, "Digest ", 0, 7)) {
      return false;
    }
    Map<String, String> p = params(wwwAuthenticate.substring(7));
    String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
    if (p.get("nonce") == null || !(algorithm.equals("MD5") || algorithm.equals("SHA-256"))) {
      return false;
    }
    String qop = p.getOrDefault("qop", "");
    boolean qopAuth = false;
    for (String q : qop.split(",")) {
      qopAuth |= q.trim().equalsIgnoreCase("auth");
    }
    if (!qop.isEmpty() && !qopAuth) {
      return false;
    }
    challenge = new Challenge(p.getOrDefault("realm", ""), p.get("nonce"), p.get("opaque"), algorithm, qopAuth,
        new AtomicInteger());
    return true;
  }

  /** The {@code Authorization} value for {@code method} on {@code uri} (path and query). */
  String header(String method, String uri) {
    Challenge c = challenge;
    String ha1 = hash(c.algorithm, user + ":" + c.realm + ":" + password);
    String ha2 = hash(c.algorithm, method + ":" + uri);
    StringBuilder h = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(c.realm)
        .append("\", nonce=\"").append(c.nonce).append("\", uri=\"").append(uri).append("\", algorithm=")
        .append(c.algorithm);
    String response;
    if (c.qopAuth) {
      String nc = String.format("%08x", c.count.incrementAndGet());
      byte[] cn = new byte[12];
      random.nextBytes(cn);
      String cnonce = HexFormat.of().formatHex(cn);
      response = hash(c.algorithm, ha1 + ":" + c.nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
      h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
    } else {
      response = hash(c.algorithm, ha1 + ":" + c.nonce + ":" + ha2);
    }
    h.append(", response=\"").append(response).append('"');
    if (c.opaque != null) {
      h.append(", opaque=\"").append(c.opaque).append('"');
    }
    return h.toString();
  }

  static String hash(String algorithm, String s) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm.equals("MD5") ? "MD5" : "SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK without " + algorithm, e);
    }
  }

  /** Parses {@code a="b", c=d} pairs. */
  static Map<String, String> params(String s) {
    Map<String, String> m = new HashMap<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
        i++;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      String value;
      if (i < n && s.charAt(i) == '"') {
        StringBuilder v = new StringBuilder();
        i++;
        while (i < n && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < n) {
            i++;
          }
          v.append(s.charAt(i++));
        }
        i++;
        value = v.toString();
      } else {
        int end = s.indexOf(',', i);
        end = end < 0 ? n : end;
        value = s.substring(i, end).trim();
        i = end;
      }
      m.put(key, value);
    }
    return m;
  }
}
