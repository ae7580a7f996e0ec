package dev.cairn.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The dependency of a {@code dvc import} file: {@code {path, repo: {url, rev?, rev_lock?, config?,
 * remote?}}} (DVC's {@code RepoDependency}), written in that key order.
 *
 * @param path the path inside the source repository, as given
 * @param url the source repository's URL or local path, as given
 * @param rev the revision asked for ({@code --rev}), or null for the default branch
 * @param revLock the commit imported (full SHA), or null (never resolved: {@code --no-exec})
 * @param config a config file merged over the source's ({@code --config}), or null
 * @param remote the source remote to read from ({@code --remote}), or null for its default
 */
public record RepoDep(String path, String url, String rev, String revLock, String config, String remote) {
  public RepoDep {
    Objects.requireNonNull(path);
    Objects.requireNonNull(url);
  }

  /**
   * Reads the dep map of an import file; null when it is not a repo import. A {@code config} or
   * {@code remote} given as a mapping (DVC's {@code --remote-config}) is refused: it may hold
   * credentials, which Cairn never keeps in a {@code .dvc} file.
   *
   * @throws IllegalArgumentException naming the key when the map is malformed
   */
  public static RepoDep of(Map<?, ?> dep) {
    if (dep == null || !(dep.get("repo") instanceof Map<?, ?> repo)) {
      return null;
    }
    if (!(dep.get("path") instanceof String path)) {
      throw new IllegalArgumentException("the import's dep has no 'path'");
    }
    if (!(repo.get("url") instanceof String url) || url.isBlank()) {
      throw new IllegalArgumentException("the import's dep has no 'repo.url'");
    }
    for (String k : new String[] {"config", "remote"}) {
      if (repo.get(k) != null && !(repo.get(k) instanceof String)) {
        throw new IllegalArgumentException("'repo." + k + "' given as a mapping is not supported (it may hold"
            + " credentials); name a remote or a config file instead");
      }
    }
    return new RepoDep(path, url, str(repo.get("rev")), str(repo.get("rev_lock")), str(repo.get("config")),
        str(repo.get("remote")));
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  /** This dep with the commit imported. */
  public RepoDep withRevLock(String sha) {
    return new RepoDep(path, url, rev, sha, config, remote);
  }

  /** This dep asking for {@code newRev} (kept when null). */
  public RepoDep withRev(String newRev) {
    return newRev == null ? this : new RepoDep(path, url, newRev, revLock, config, remote);
  }

  /** The revision to read: the locked commit, else the one asked for (null: the default branch). */
  public String effectiveRev() {
    return revLock != null ? revLock : rev;
  }

  /** The dep as DVC dumps it: {@code path}, then {@code repo} with {@code url, rev, rev_lock, config, remote}. */
  public Map<String, Object> toMap() {
    Map<String, Object> repo = new LinkedHashMap<>();
    repo.put("url", url);
    if (rev != null && !rev.isEmpty()) {
      repo.put("rev", rev);
    }
    if (revLock != null && !revLock.isEmpty()) {
      repo.put("rev_lock", revLock);
    }
    if (config != null && !config.isEmpty()) {
      repo.put("config", config);
    }
    if (remote != null && !remote.isEmpty()) {
      repo.put("remote", remote);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("repo", repo);
    return m;
  }

  /** How DVC names the dep in {@code status}: {@code "path (url)"}. */
  public String label() {
    return path + " (" + dev.cairn.storage.Redact.url(url) + ")";
  }
}
