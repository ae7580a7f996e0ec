package dev.cairn.forge;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository worked out from a git remote URL (CML's {@code --repo} default: {@code git config
 * --get remote.origin.url}), for use outside CI and for CI systems that only give the clone URL
 * (Jenkins, Bamboo).
 *
 * <p>Accepted forms: {@code https://host/owner/repo(.git)}, {@code https://user:secret@host/...}
 * (the credentials are dropped, never kept), {@code git@host:owner/repo.git} and {@code
 * ssh://git@host[:port]/owner/repo.git}. The forge is known from the URL for:
 *
 * <ul>
 *   <li>github.com, gitlab.com and bitbucket.org;
 *   <li>Azure DevOps: {@code https://dev.azure.com/{org}/{project}/_git/{repo}}, {@code
 *       https://{org}.visualstudio.com/[DefaultCollection/]{project}/_git/{repo}}, {@code
 *       git@ssh.dev.azure.com:v3/{org}/{project}/{repo}}, {@code
 *       {org}@vs-ssh.visualstudio.com:v3/{org}/{project}/{repo}} (all with API base {@code
 *       https://dev.azure.com}), and any URL with a {@code /_git/} segment, read as Azure DevOps
 *       Server's {@code https://host[/dir]/{collection}/{project}/_git/{repo}} (API base {@code
 *       https://host[/dir]}); {@code .../{collection}/_git/{repo}} names the project after the
 *       repository, as Azure DevOps does;
 *   <li>Bitbucket Server / Data Center over HTTP: {@code https://host[/context]/scm/{project}/{repo}
 *       .git} (API base {@code https://host[/context]/rest/api/1.0}).
 * </ul>
 *
 * For other hosts (including Bitbucket Server over SSH, {@code ssh://git@host:7999/proj/repo.git})
 * the forge comes from {@code kind} or from {@link ForgeHosts}; the API base is then {@code
 * https://host/api/v3} (GitHub Enterprise), {@code /api/v4} (GitLab), {@code /api/v1} (Gitea) or
 * {@code /rest/api/1.0} (Bitbucket Server), on the remote's own scheme and port for http(s)
 * remotes, unless {@link ForgeHosts} gives one. {@code bitbucket} on a host other than
 * bitbucket.org means Bitbucket Server.
 *
 * @param kind the forge
 * @param apiBase its REST API base
 * @param repo {@code owner/name}, the GitLab project path with subgroups, {@code PROJECT/slug}
 *     (Bitbucket Server) or {@code organization/project/repository} (Azure DevOps)
 */
public record RemoteUrl(ForgeKind kind, URI apiBase, String repo) {
  private static final Pattern SCP = Pattern.compile("(?:[^@/]+@)?([^:/]+):(?!//)(.+)");
  private static final URI AZURE = URI.create("https://dev.azure.com");

  /**
   * Parses a remote URL with no configured hosts.
   *
   * @see #parse(String, Optional, ForgeHosts)
   */
  public static RemoteUrl parse(String url, Optional<ForgeKind> kind) {
    return parse(url, kind, ForgeHosts.none());
  }

  /**
   * Parses a remote URL.
   *
   * @param url the remote URL
   * @param kind the forge when the host is not one of the public ones; empty to infer
   * @param hosts what self-hosted servers run
   * @throws IllegalArgumentException naming the URL (without credentials) when it cannot be read
   *     or the forge cannot be inferred
   */
  public static RemoteUrl parse(String url, Optional<ForgeKind> kind, ForgeHosts hosts) {
    String u = url.trim();
    String host;
    String path;
    String web;
    Matcher scp = SCP.matcher(u);
    if (!u.contains("://") && scp.matches()) {
      host = scp.group(1);
      path = scp.group(2);
      web = "https://" + host.toLowerCase(Locale.ROOT);
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
      String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
      boolean http = scheme.equals("http") || scheme.equals("https");
      web = (http ? scheme : "https") + "://" + host.toLowerCase(Locale.ROOT)
          + (http && parsed.getPort() > 0 ? ":" + parsed.getPort() : "");
    }
    host = host.toLowerCase(Locale.ROOT);
    List<String> segs = segments(path);
    if (!segs.isEmpty()) {
      segs.set(segs.size() - 1, segs.get(segs.size() - 1).replaceAll("\\.git$", ""));
    }
    if (host.equals("dev.azure.com") || host.equals("ssh.dev.azure.com")
        || host.endsWith(".visualstudio.com")) {
      return azureServices(host, segs, u);
    }
    String joined = String.join("/", segs);
    if (host.equals("github.com")) {
      return new RemoteUrl(ForgeKind.GITHUB, ForgeKind.GITHUB.defaultApiBase(), twoPart(segs, u));
    }
    if (host.equals("gitlab.com")) {
      return new RemoteUrl(ForgeKind.GITLAB, ForgeKind.GITLAB.defaultApiBase(), gitlab(segs, u));
    }
    if (host.equals("bitbucket.org")) {
      return new RemoteUrl(ForgeKind.BITBUCKET, ForgeKind.BITBUCKET.defaultApiBase(),
          twoPart(segs, u));
    }
    Optional<ForgeHosts.Host> configured = hosts.lookup(host);
    ForgeKind given = kind.map(x -> x == ForgeKind.BITBUCKET ? ForgeKind.BITBUCKET_SERVER : x)
        .or(() -> configured.map(ForgeHosts.Host::kind))
        .orElse(null);
    Optional<URI> base = configured.filter(c -> c.kind() == given)
        .flatMap(ForgeHosts.Host::apiBase);
    ForgeKind k = given;
    if (k == null) {
      if (segs.contains("_git")) {
        k = ForgeKind.AZURE_DEVOPS;
      } else if (scmIndex(segs) >= 0 && web.startsWith("http")) {
        k = ForgeKind.BITBUCKET_SERVER;
      } else {
        throw new IllegalArgumentException(
            "Cannot tell which forge " + host + " runs: pass --forge github|gitlab|gitea|"
                + "bitbucket-server|azure-devops, or name the host in forge.hosts");
      }
    }
    switch (k) {
      case GITHUB:
        return new RemoteUrl(k, base.orElse(URI.create(web + "/api/v3")), twoPart(segs, u));
      case GITLAB:
        return new RemoteUrl(k, base.orElse(URI.create(web + "/api/v4")), gitlab(segs, u));
      case GITEA:
        return new RemoteUrl(k, base.orElse(URI.create(web + "/api/v1")), twoPart(segs, u));
      case BITBUCKET_SERVER: {
        int scm = scmIndex(segs);
        String context = scm > 0 ? "/" + String.join("/", segs.subList(0, scm)) : "";
        List<String> rest = scm >= 0 ? segs.subList(scm + 1, segs.size()) : segs;
        return new RemoteUrl(k, base.orElse(URI.create(web + context + "/rest/api/1.0")),
            twoPart(rest, u));
      }
      case AZURE_DEVOPS:
        return azureServer(web, segs, base, u);
      default:
        throw new IllegalArgumentException("Cannot read " + joined + " as a " + k.displayName()
            + " repository");
    }
  }

  /** dev.azure.com, ssh.dev.azure.com, {org}.visualstudio.com and vs-ssh.visualstudio.com. */
  private static RemoteUrl azureServices(String host, List<String> segs, String url) {
    String org;
    List<String> rest;
    if (host.equals("ssh.dev.azure.com") || host.equals("vs-ssh.visualstudio.com")) {
      if (segs.size() != 4 || !segs.get(0).equals("v3")) {
        throw azureShape(url);
      }
      return new RemoteUrl(ForgeKind.AZURE_DEVOPS, AZURE,
          segs.get(1) + "/" + segs.get(2) + "/" + segs.get(3));
    }
    if (host.equals("dev.azure.com")) {
      if (segs.isEmpty()) {
        throw azureShape(url);
      }
      org = segs.get(0);
      rest = segs.subList(1, segs.size());
    } else {
      org = host.substring(0, host.length() - ".visualstudio.com".length());
      rest = segs;
      if (!rest.isEmpty() && rest.get(0).equalsIgnoreCase("DefaultCollection")) {
        rest = rest.subList(1, rest.size());
      }
    }
    int git = rest.indexOf("_git");
    if (git < 0 || git > 1 || git != rest.size() - 2) {
      throw azureShape(url);
    }
    String repoName = rest.get(git + 1);
    String project = git == 1 ? rest.get(0) : repoName;
    return new RemoteUrl(ForgeKind.AZURE_DEVOPS, AZURE, org + "/" + project + "/" + repoName);
  }

  /** {@code https://host[/dir]/{collection}/{project}/_git/{repo}} (Azure DevOps Server). */
  private static RemoteUrl azureServer(String web, List<String> segs, Optional<URI> base, String url) {
    int git = segs.lastIndexOf("_git");
    if (git < 1 || git != segs.size() - 2) {
      throw azureShape(url);
    }
    String repoName = segs.get(git + 1);
    String project;
    String collection;
    int dirEnd;
    if (git >= 2) {
      project = segs.get(git - 1);
      collection = segs.get(git - 2);
      dirEnd = git - 2;
    } else {
      project = repoName;
      collection = segs.get(0);
      dirEnd = 0;
    }
    String dir = dirEnd > 0 ? "/" + String.join("/", segs.subList(0, dirEnd)) : "";
    return new RemoteUrl(ForgeKind.AZURE_DEVOPS, base.orElse(URI.create(web + dir)),
        collection + "/" + project + "/" + repoName);
  }

  private static IllegalArgumentException azureShape(String url) {
    return new IllegalArgumentException("Cannot tell the repository from the Azure DevOps remote"
        + " URL '" + safe(url) + "': expected https://dev.azure.com/{organization}/{project}/_git/"
        + "{repository} or git@ssh.dev.azure.com:v3/{organization}/{project}/{repository}");
  }

  private static int scmIndex(List<String> segs) {
    int i = segs.lastIndexOf("scm");
    return i >= 0 && i == segs.size() - 3 ? i : -1;
  }

  private static String twoPart(List<String> segs, String url) {
    if (segs.size() != 2) {
      throw new IllegalArgumentException(
          "Cannot tell the repository from the remote URL '" + safe(url) + "': expected owner/name");
    }
    return segs.get(0) + "/" + segs.get(1);
  }

  private static String gitlab(List<String> segs, String url) {
    if (segs.size() < 2) {
      throw new IllegalArgumentException(
          "Cannot tell the repository from the remote URL '" + safe(url) + "': expected owner/name");
    }
    return String.join("/", segs);
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : Arrays.asList(path.split("/"))) {
      if (!s.isEmpty()) {
        out.add(s.contains("%") ? URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8) : s);
      }
    }
    return out;
  }

  private static String safe(String url) {
    return url.replaceAll("://[^/@]*@", "://***@");
  }
}
