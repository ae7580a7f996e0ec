package dev.cairn.forge;

import java.net.URI;
import java.util.Locale;

/** The forges Cairn can comment on, with their public API base URLs. */
public enum ForgeKind {
  /** GitHub and GitHub Enterprise Server ({@code https://<host>/api/v3}). */
  GITHUB("GitHub", URI.create("https://api.github.com")),
  /** GitLab.com and self-managed GitLab ({@code https://<host>/api/v4}). */
  GITLAB("GitLab", URI.create("https://gitlab.com/api/v4")),
  /** Gitea and Forgejo ({@code https://<host>/api/v1}); there is no public default server. */
  GITEA("Gitea", URI.create("https://gitea.com/api/v1")),
  /** Bitbucket Cloud. */
  BITBUCKET("Bitbucket", URI.create("https://api.bitbucket.org/2.0")),
  /**
   * Azure DevOps Services ({@code https://dev.azure.com}) and Azure DevOps Server ({@code
   * https://<host>/tfs}); the repository is {@code organization/project/repository} (on a server:
   * {@code collection/project/repository}).
   */
  AZURE_DEVOPS("Azure DevOps", URI.create("https://dev.azure.com")),
  /**
   * Bitbucket Server and Data Center ({@code https://<host>[/<context>]/rest/api/1.0}); there is no
   * public service, so the default is a server's default address, {@code
   * http://localhost:7990/rest/api/1.0}; the repository is {@code PROJECT/slug}.
   */
  BITBUCKET_SERVER("Bitbucket Server", URI.create("http://localhost:7990/rest/api/1.0"));

  private final String displayName;
  private final URI defaultApiBase;

  ForgeKind(String displayName, URI defaultApiBase) {
    this.displayName = displayName;
    this.defaultApiBase = defaultApiBase;
  }

  /** The name used in messages, e.g. {@code GitHub}. */
  public String displayName() {
    return displayName;
  }

  /** The API base URL of the public service, used when none is configured. */
  public URI defaultApiBase() {
    return defaultApiBase;
  }

  /** The name {@link #parse} reads back, e.g. {@code bitbucket-server}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a forge name as written in {@code cairn.yaml} or on the command line: {@code github},
   * {@code gitlab}, {@code gitea}, {@code forgejo} (same API as Gitea), {@code bitbucket}
   * (Bitbucket Cloud), {@code bitbucket-server} (or {@code bitbucket-datacenter}), {@code
   * azure-devops} (or {@code azure}).
   *
   * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
   */
  public static ForgeKind parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    switch (n) {
      case "github":
        return GITHUB;
      case "gitlab":
        return GITLAB;
      case "gitea":
      case "forgejo":
        return GITEA;
      case "bitbucket":
      case "bitbucket-cloud":
        return BITBUCKET;
      case "bitbucket-server":
      case "bitbucket-datacenter":
      case "bitbucket-data-center":
        return BITBUCKET_SERVER;
      case "azure-devops":
      case "azure":
        return AZURE_DEVOPS;
      default:
        throw new IllegalArgumentException(
            "Unknown forge '" + name + "': use github, gitlab, gitea, forgejo, bitbucket,"
                + " bitbucket-server or azure-devops");
    }
  }
}
