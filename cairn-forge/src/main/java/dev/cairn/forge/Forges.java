package dev.cairn.forge;

import dev.cairn.forge.azure.AzureDevOpsClient;
import dev.cairn.forge.bitbucket.BitbucketClient;
import dev.cairn.forge.bitbucketserver.BitbucketServerClient;
import dev.cairn.forge.gitea.GiteaClient;
import dev.cairn.forge.github.GitHubClient;
import dev.cairn.forge.gitlab.GitLabClient;

/** Builds {@link ForgeClient}s. */
public final class Forges {
  private Forges() {}

  /**
   * A client for the forge, repository and token in {@code settings}. Makes no request: a bad
   * token or repository shows up on the first call.
   */
  public static ForgeClient client(ForgeSettings settings) {
    switch (settings.kind()) {
      case GITHUB:
        return GitHubClient.create(settings);
      case GITLAB:
        return GitLabClient.create(settings);
      case GITEA:
        return GiteaClient.create(settings);
      case BITBUCKET:
        return BitbucketClient.create(settings);
      case AZURE_DEVOPS:
        return AzureDevOpsClient.create(settings);
      case BITBUCKET_SERVER:
        return BitbucketServerClient.create(settings);
      default:
        throw new IllegalStateException(settings.kind().name());
    }
  }
}
