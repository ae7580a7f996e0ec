package dev.cairn.storage.http;

import dev.cairn.storage.ObjectNotFoundException;
import dev.cairn.storage.Redact;
import dev.cairn.storage.StorageException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLHandshakeException;

/** Maps HTTP statuses and transport failures to {@link StorageException}s without secrets. */
final class HttpErrors {
  private final HttpProperties props;

  HttpErrors(HttpProperties props) {
    this.props = props;
  }

  StorageException status(int status, String action, String key) {
    String what = "'" + key + "' at " + props.base();
    if (status == 404 || status == 410) {
      return new ObjectNotFoundException("No object " + what);
    }
    if (status == 401 || status == 403) {
      return new StorageException(scrub("Access denied (" + status + ") trying to " + action + " " + what
          + ": check the remote's auth, user and password"), null, false);
    }
    if (status >= 500 && status != 501 || status == 429 || status == 408) {
      return new StorageException(scrub("HTTP server at " + props.base() + " could not " + action + " " + what
          + " (" + status + "); try again later"), null, true);
    }
    if (status == 405 || status == 501) {
      return new StorageException(scrub("HTTP server at " + props.base() + " does not allow to " + action + " "
          + what + " (" + status + ")" + (action.equals("write") ? ": check the remote's 'method' (POST or PUT)" : "")),
          null, false);
    }
    return new StorageException(scrub("HTTP server refused to " + action + " " + what + " (" + status + ")"), null,
        false);
  }

  StorageException transport(IOException e, String action, String key) {
    if (e instanceof StorageException se) {
      return se;
    }
    String what = "'" + key + "' at " + props.base();
    if (e instanceof HttpConnectTimeoutException) {
      return new StorageException(scrub("Timed out connecting to " + props.base() + "; try again or raise "
          + "connect_timeout"), e, true);
    }
    if (e instanceof HttpTimeoutException) {
      return new StorageException(scrub("Timed out trying to " + action + " " + what
          + "; try again or raise read_timeout"), e, true);
    }
    if (has(e, UnknownHostException.class)) {
      return new StorageException(scrub("Cannot resolve the host of " + props.base() + ": check the remote URL"),
          e, false);
    }
    if (has(e, ConnectException.class)) {
      return new StorageException(scrub("Cannot connect to " + props.base() + ": is the server running?"), e, true);
    }
    if (has(e, SSLHandshakeException.class)) {
      return new StorageException(scrub("TLS handshake with " + props.base()
          + " failed: check the certificate or the remote's ssl_verify"), e, false);
    }
    return new StorageException(scrub("Connection to " + props.base() + " failed while trying to " + action + " "
        + what + " (" + e.getClass().getSimpleName() + "); try again"), e, true);
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    Throwable t = e;
    for (int i = 0; t != null && i < 20; i++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** {@code scheme://user:password@} anywhere in a message. */
  private static final java.util.regex.Pattern USERINFO =
      java.util.regex.Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s/@:]*):[^\\s/@]*@");

  /**
   * Masks a password in any URL of the message and every secret value. ({@link Redact#url} is for
   * one URL: on a whole message it took the {@code ?} of "is the server running?" for a query.)
   */
  private String scrub(String message) {
    return Redact.values(USERINFO.matcher(message).replaceAll("$1:***@"), props.secrets());
  }
}
