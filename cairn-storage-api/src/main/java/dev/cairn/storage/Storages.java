package dev.cairn.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds the {@link StorageProvider} for a remote URL by its scheme, through {@link ServiceLoader}.
 * A URL without a scheme (or with {@code file:}) is a local path.
 */
public final class Storages {
  private Storages() {}

  /**
   * Opens the storage for {@code url}.
   *
   * @param url a remote URL as written in DVC's config ({@code s3://bucket/prefix}, {@code /mnt/x},
   *     {@code ssh://host/path}); relative local paths must already be resolved by the caller
   * @throws StorageException with a user-facing message for an unknown or unsupported scheme
   */
  public static Storage open(String url, Map<String, String> props) throws IOException {
    String scheme = schemeOf(url);
    if (scheme == null || scheme.equals("file")) {
      Path p = scheme == null ? Path.of(url) : Path.of(URI.create(url));
      return new LocalStorage(p);
    }
    if (scheme.equals("sftp")) {
      throw new StorageException("Unsupported URL type 'sftp://' in '" + Redact.url(url)
          + "': use 'ssh://' for SFTP remotes, as DVC does");
    }
    Map<String, StorageProvider> providers = providers();
    StorageProvider provider = providers.get(scheme);
    if (provider == null) {
      throw new StorageException("Unsupported remote URL scheme '" + scheme + "://' in '" + Redact.url(url)
          + "'; supported: local paths and " + String.join(", ", providers.keySet().stream().sorted().map(s -> s + "://").toList()));
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      throw new StorageException("Malformed remote URL '" + Redact.url(url) + "': " + e.getMessage());
    }
    return provider.open(uri, props);
  }

  /** The lower-case scheme of {@code url}, or {@code null} for a plain path. */
  public static String schemeOf(String url) {
    int i = url.indexOf("://");
    if (i <= 0) {
      return url.startsWith("file:") ? "file" : null;
    }
    String s = url.substring(0, i);
    if (s.length() == 1) {
      return null; // a Windows drive letter
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * The URL schemes the providers on the class path serve, sorted ({@code azure}, {@code s3} …);
   * local paths need no provider and are not listed.
   */
  public static java.util.List<String> schemes() {
    return providers().keySet().stream().sorted().toList();
  }

  static Map<String, StorageProvider> providers() {
    Map<String, StorageProvider> m = new HashMap<>();
    for (StorageProvider p : ServiceLoader.load(StorageProvider.class, Storages.class.getClassLoader())) {
      for (String s : p.schemes()) {
        m.putIfAbsent(s, p);
      }
    }
    return m;
  }
}
