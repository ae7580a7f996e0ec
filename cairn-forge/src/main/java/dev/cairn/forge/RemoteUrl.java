package dev.cairn.forge;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository worked out from a git remote URL (CML's {@code --repo} default: {@code git config
 * --get remote.origin.url}), for use outside CI.
 *
 * <p>Accepted forms: {@code https://host/owner/repo(.git)}, {@code https://user:secret@host/...}
 * (the credentials are dropped, never kept), {@code git@host:owner/repo.git} and {@code
 * ssh://git@host[:port]/owner/repo.git}. The forge is known for github.com, gitlab.com and
 * bitbucket.org; for other hosts it must be given, and the API base is then {@code
 * https://host/api/v3} (GitHub Enterprise), {@code /api/v4} (GitLab) or {@code /api/v1} (Gitea).
 *
 * @param kind the forge
 * @param apiBase its REST API base
 * @param repo {@code owner/name}, or the GitLab project path with subgroups
 */
record RemoteUrl(ForgeKind kind, URI apiBase, String repo) {
  private static final Pattern SCP = Pattern.compile("(?:[^@/]+@)?([^:/]+):(?!//)(.+)");

  /**
   * Parses a remote URL.
   *
   * @param url the remote URL
   * @param kind the forge when the host is not one of the public ones; empty to infer
   * @throws IllegalArgumentException naming the URL (without credentials) when it cannot be read
   *     or the forge cannot be inferred
   */
  public static RemoteUrl parse(String url, Optional<ForgeKind> kind) {
    String u = url.trim();
    String host;
    String path;
    Matcher scp = SCP.matcher(u);
    if (!u.contains("://") && scp.matches()) {
      host = scp.group(1);
      path = scp.group(2);
    } else {
      URI parsed;
      try {
        parsed = URI.create(u);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Cannot read the remote URL '" + safe(u) + "'");
      }
      if (parsed.getHost() == null || parsed.getPath() == null) {
        throw new IllegalArgumentException("Cannot read the remote URL '" + safe(u) + "'");
      }
      host = parsed.getHost();
      path = parsed.getPath();
    }
    host = host.toLowerCase(Locale.ROOT);
    String repo = path.replaceAll("^/+", "").replaceAll("/+$", "").replaceAll("\\.git$", "");
    if (repo.split("/").length < 2) {
      throw new IllegalArgumentException(
          "Cannot tell the repository from the remote URL '" + safe(u) + "': expected owner/name");
    }
    ForgeKind k;
    URI api;
    if (host.equals("github.com")) {
      k = ForgeKind.GITHUB;
      api = k.defaultApiBase();
    } else if (host.equals("gitlab.com")) {
      k = ForgeKind.GITLAB;
      api = k.defaultApiBase();
    } else if (host.equals("bitbucket.org")) {
      k = ForgeKind.BITBUCKET;
      api = k.defaultApiBase();
    } else if (kind.isPresent()) {
      k = kind.get();
      String base = "https://" + host;
      switch (k) {
        case GITHUB:
          api = URI.create(base + "/api/v3");
          break;
        case GITLAB:
          api = URI.create(base + "/api/v4");
          break;
        case GITEA:
          api = URI.create(base + "/api/v1");
          break;
        default:
          throw new IllegalArgumentException(
              "Bitbucket Server at " + host + " is not supported: only Bitbucket Cloud is");
      }
    } else {
      throw new IllegalArgumentException(
          "Cannot tell which forge " + host + " runs: pass --forge github|gitlab|gitea");
    }
    return new RemoteUrl(k, api, repo);
  }

  private static String safe(String url) {
    return url.replaceAll("://[^/@]*@", "://***@");
  }
}
