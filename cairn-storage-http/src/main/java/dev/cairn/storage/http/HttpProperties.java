package dev.cairn.storage.http;

import dev.cairn.storage.Redact;
import dev.cairn.storage.RemoteProps;
import dev.cairn.storage.StorageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP remote's settings, parsed once from the URL and DVC's config keys.
 *
 * @param base the remote URL without user info, query or trailing slash
 * @param caBundle a CA bundle file when {@code ssl_verify} names one, else {@code null}
 * @param readTimeout time to wait for a response to a read, check or delete; {@code null} waits
 *     without limit. Uploads are not bounded by it, since their response comes after the body.
 */
record HttpProperties(
    String base,
    Auth auth,
    String customAuthHeader,
    String user,
    String password,
    boolean sslVerify,
    Path caBundle,
    String method,
    Duration connectTimeout,
    Duration readTimeout) {

  /** DVC's {@code auth} values. */
  enum Auth { NONE, BASIC, DIGEST, CUSTOM }

  static final String AUTH = "auth";
  static final String CUSTOM_AUTH_HEADER = "custom_auth_header";
  static final String USER = "user";
  static final String PASSWORD = "password";
  static final String SSL_VERIFY = "ssl_verify";
  static final String METHOD = "method";
  static final String CONNECT_TIMEOUT = "connect_timeout";
  static final String READ_TIMEOUT = "read_timeout";
  static final String METHOD_DEFAULT = "POST";
  static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(60);

  static HttpProperties parse(URI uri, Map<String, String> props) throws StorageException {
    String shown = Redact.url(uri.toString());
    if (uri.getHost() == null) {
      throw new StorageException("Invalid HTTP remote URL '" + shown + "': expected http(s)://host/path");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String base = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
    String userInfo = uri.getUserInfo();
    String user = props.get(USER);
    if ((user == null || user.isBlank()) && userInfo != null) {
      user = userInfo.contains(":") ? userInfo.substring(0, userInfo.indexOf(':')) : userInfo;
    }
    Auth auth;
    String a = props.get(AUTH);
    if (a == null || a.isBlank()) {
      auth = Auth.NONE;
    } else {
      try {
        auth = Auth.valueOf(a.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new StorageException("Invalid value '" + a + "' for HTTP remote key 'auth' of " + shown
            + ": expected basic, digest or custom");
      }
    }
    String header = props.get(CUSTOM_AUTH_HEADER);
    String password = props.get(PASSWORD);
    if (auth == Auth.CUSTOM && (header == null || header.isBlank())) {
      throw new StorageException("HTTP remote " + shown + " uses auth 'custom' but sets no 'custom_auth_header'");
    }
    if ((auth == Auth.BASIC || auth == Auth.DIGEST) && (user == null || user.isBlank())) {
      throw new StorageException("HTTP remote " + shown + " uses auth '" + a.trim() + "' but sets no 'user'");
    }
    String method = props.getOrDefault(METHOD, METHOD_DEFAULT).trim().toUpperCase(Locale.ROOT);
    if (!method.equals("POST") && !method.equals("PUT")) {
      throw new StorageException("Invalid value '" + method + "' for HTTP remote key 'method' of " + shown
          + ": expected POST or PUT");
    }
    String sv = props.getOrDefault(SSL_VERIFY, "true").trim();
    boolean sslVerify = !(sv.equalsIgnoreCase("false") || sv.equals("0") || sv.equalsIgnoreCase("no"));
    Path ca = sslVerify && !(sv.equalsIgnoreCase("true") || sv.equals("1") || sv.equalsIgnoreCase("yes"))
        ? Path.of(sv) : null;
    Duration connect = RemoteProps.seconds(props, CONNECT_TIMEOUT, "HTTP");
    return new HttpProperties(base, auth, header == null ? null : header.trim(), user, password, sslVerify, ca,
        method, connect == null ? CONNECT_TIMEOUT_DEFAULT : connect, RemoteProps.seconds(props, READ_TIMEOUT, "HTTP"));
  }

  /** Secret values to keep out of every message. */
  List<String> secrets() {
    List<String> s = new ArrayList<>();
    s.add(password);
    return s;
  }

  @Override
  public String toString() {
    return base;
  }

}
