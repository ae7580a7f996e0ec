package dev.cairn.storage.sftp;

import dev.cairn.storage.Redact;
import dev.cairn.storage.RemoteProps;
import dev.cairn.storage.StorageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An SSH remote's settings, parsed once from the URL and DVC's config keys. The {@code user} and
 * {@code port} keys win over the URL's, as in DVC.
 *
 * @param root the remote directory, absolute, without a trailing slash ({@code ""} for {@code /})
 * @param timeout for connecting, authenticating and each SFTP request
 */
record SftpProperties(String host, int port, String user, String password, Path keyFile, String passphrase,
    String root, Duration timeout) {

  static final String USER = "user";
  static final String PORT = "port";
  static final String PASSWORD = "password";
  static final String KEYFILE = "keyfile";
  static final String PASSPHRASE = "passphrase";
  static final String TIMEOUT = "timeout";
  static final int PORT_DEFAULT = 22;
  static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(60);

  static SftpProperties parse(URI uri, Map<String, String> props) throws StorageException {
    String shown = Redact.url(uri.toString());
    if (uri.getHost() == null) {
      throw new StorageException("Invalid SSH remote URL '" + shown + "': expected ssh://[user@]host[:port]/path");
    }
    String user = props.get(USER);
    if (user == null || user.isBlank()) {
      String info = uri.getUserInfo();
      user = info == null ? System.getProperty("user.name") : info.contains(":") ? info.substring(0, info.indexOf(':'))
          : info;
    }
    int port = uri.getPort() < 0 ? PORT_DEFAULT : uri.getPort();
    String p = props.get(PORT);
    if (p != null && !p.isBlank()) {
      try {
        port = Integer.parseInt(p.trim());
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port <= 0 || port > 65535) {
        throw new StorageException("Invalid value '" + p + "' for SSH remote key 'port' of " + shown);
      }
    }
    Duration t = RemoteProps.seconds(props, TIMEOUT, "SSH");
    Duration timeout = t == null ? TIMEOUT_DEFAULT : t;
    String path = uri.getPath() == null ? "" : uri.getPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String key = props.get(KEYFILE);
    return new SftpProperties(uri.getHost(), port, user, blankToNull(props.get(PASSWORD)),
        key == null || key.isBlank() ? null : Path.of(key), blankToNull(props.get(PASSPHRASE)), path, timeout);
  }

  /** The remote path of a storage key. */
  String path(String key) {
    return root + "/" + key;
  }

  /** {@code ssh://user@host:port/root}, for messages. */
  String describe() {
    return "ssh://" + user + "@" + host + (port == PORT_DEFAULT ? "" : ":" + port) + (root.isEmpty() ? "/" : root);
  }

  List<String> secrets() {
    List<String> s = new ArrayList<>();
    s.add(password);
    s.add(passphrase);
    return s;
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
