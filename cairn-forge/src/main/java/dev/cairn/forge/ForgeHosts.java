package dev.cairn.forge;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which forge a self-hosted server runs, by host name: the settings way to say "{@code
 * git.example.com} is Bitbucket Server" (or GitHub Enterprise, GitLab, Gitea, Azure DevOps Server),
 * so that {@link RemoteUrl} and {@link dev.cairn.forge.ci.CiDetector} can read remotes such as
 * {@code ssh://git@git.example.com:7999/proj/wine.git} that do not say so themselves. Parsed once at
 * the edge, e.g. from {@code cairn.yaml}:
 *
 * <pre>{@code
 * forge:
 *   hosts:
 *     git.example.com: bitbucket-server
 *     code.example.com: {forge: bitbucket-server, api: https://code.example.com/bitbucket/rest/api/1.0}
 * }</pre>
 *
 * Immutable; host names are compared case-insensitively.
 */
public final class ForgeHosts {
  private static final ForgeHosts NONE = new ForgeHosts(Map.of());

  /**
   * One host's forge.
   *
   * @param kind the forge it runs
   * @param apiBase its REST API base when it is not the one derived from the remote URL (a context
   *     path, another port than the remote's); empty to derive it
   */
  public record Host(ForgeKind kind, Optional<URI> apiBase) {
    /** Checks for nulls. */
    public Host {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(apiBase, "apiBase");
    }
  }

  private final Map<String, Host> hosts;

  private ForgeHosts(Map<String, Host> hosts) {
    this.hosts = Map.copyOf(hosts);
  }

  /** No host configured: only the public forges and self-describing URLs are recognised. */
  public static ForgeHosts none() {
    return NONE;
  }

  /**
   * Parses {@code host -> forge name} pairs, as in {@code cairn.yaml}'s {@code forge.hosts}.
   *
   * @throws IllegalArgumentException naming the host when a forge name is unknown or a host is
   *     not a plain host name
   */
  public static ForgeHosts parse(Map<String, String> hostToForge) {
    ForgeHosts h = none();
    for (Map.Entry<String, String> e : hostToForge.entrySet()) {
      ForgeKind k;
      try {
        k = ForgeKind.parse(e.getValue());
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("forge.hosts." + e.getKey() + ": " + ex.getMessage());
      }
      h = h.with(e.getKey(), k);
    }
    return h;
  }

  /** With {@code host} running {@code kind}, its API base derived from remote URLs. */
  public ForgeHosts with(String host, ForgeKind kind) {
    return put(host, new Host(kind, Optional.empty()));
  }

  /**
   * With {@code host} running {@code kind} at {@code apiBase}.
   *
   * @throws IllegalArgumentException if {@code apiBase} is not an http(s) URL or has credentials
   */
  public ForgeHosts with(String host, ForgeKind kind, URI apiBase) {
    String scheme = apiBase.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))
        || apiBase.getHost() == null) {
      throw new IllegalArgumentException(
          "forge.hosts." + host + ": invalid API URL '" + apiBase + "': use an http(s) URL");
    }
    if (apiBase.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "forge.hosts." + host + ": the API URL must not contain credentials");
    }
    return put(host, new Host(kind, Optional.of(apiBase)));
  }

  private ForgeHosts put(String host, Host h) {
    String name = host.trim().toLowerCase(Locale.ROOT);
    if (!name.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "forge.hosts: invalid host name '" + host + "': give a host name such as git.example.com");
    }
    Map<String, Host> m = new LinkedHashMap<>(hosts);
    m.put(name, h);
    return new ForgeHosts(m);
  }

  /** What {@code host} runs, if configured. */
  public Optional<Host> lookup(String host) {
    return Optional.ofNullable(hosts.get(host.toLowerCase(Locale.ROOT)));
  }

  @Override
  public String toString() {
    return "ForgeHosts" + hosts;
  }
}
