package dev.cairn.wrapper;

import dev.cairn.errors.CairnException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The release archive's place in a Maven repository, and the checks a distribution URL must pass
 * before it is written where a shell script reads it.
 */
final class DistributionUrls {
  /** The path of the archive's directory under a repository base, without the version. */
  static final String ARTIFACT_PATH = "/dev/cairn/cairn-dist/";

  private DistributionUrls() {}

  /** {@code <base>/dev/cairn/cairn-dist/<version>/cairn-dist-<version>.tar.gz}. */
  static String inRepository(String base, String version) {
    return stripSlash(base) + ARTIFACT_PATH + version + "/cairn-dist-" + version + ".tar.gz";
  }

  /** The repository base of a URL in that layout; empty for any other URL. */
  static Optional<String> repositoryOf(String url) {
    int i = url.lastIndexOf(ARTIFACT_PATH);
    if (i <= 0) {
      return Optional.empty();
    }
    String rest = url.substring(i + ARTIFACT_PATH.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || !rest.substring(slash + 1).equals("cairn-dist-" + rest.substring(0, slash) + ".tar.gz")) {
      return Optional.empty();
    }
    return Optional.of(url.substring(0, i));
  }

  /** Checks a version for use in a URL path: letters, digits, dots, dashes, underscores and plus. */
  static String checkVersion(String version) throws CairnException {
    if (!version.matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
      throw CairnException.invalidInput("Bad version '" + version + "': expected something like 0.1.0");
    }
    return version;
  }

  /**
   * Checks a distribution URL: absolute {@code http}, {@code https} or {@code file}, naming a
   * {@code .tar.gz} (or {@code .tgz}), with no character that a properties file or a shell would
   * read differently (whitespace, quotes, backslash, {@code $}, backquote).
   */
  static URI check(String url, String what) throws CairnException {
    URI uri = parse(url, what);
    String path = uri.getPath() == null ? "" : uri.getPath();
    if (!path.endsWith(".tar.gz") && !path.endsWith(".tgz")) {
      throw CairnException.invalidInput(what + " '" + url + "' must name the .tar.gz distribution (cairnw unpacks "
          + "it with gzip and tar; the .zip is for installing by hand on Windows)");
    }
    return uri;
  }

  /** Checks a repository base URL as {@link #check} does, without the file name; drops trailing slashes. */
  static String checkBase(String base, String what) throws CairnException {
    String b = stripSlash(base.strip());
    parse(b, what);
    return b;
  }

  private static URI parse(String url, String what) throws CairnException {
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= ' ' || c == 0x7f || "\\\"'`$".indexOf(c) >= 0) {
        throw CairnException.invalidInput(what + " '" + url + "' has a character the wrapper cannot carry ("
            + (c <= ' ' || c == 0x7f ? "whitespace or a control character" : "'" + c + "'") + "): percent-encode it");
      }
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw CairnException.invalidInput(what + " '" + url + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
      throw CairnException.invalidInput(what + " '" + url + "' must be an http, https or file URL");
    }
    return uri;
  }

  private static String stripSlash(String s) {
    String out = s;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }
}
