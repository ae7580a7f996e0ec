package dev.cairn.cli;

import dev.cairn.ci.ForgeRequest;
import picocli.CommandLine.Option;

/** Which forge, repository and commit, and which token: the options of {@code check}, {@code pr} and {@code asset}. */
final class ForgeOptions {
  @Option(names = "--token", paramLabel = "<token>", description = "Forge token. Default: REPO_TOKEN, then the forge's own variable (GITHUB_TOKEN, GITLAB_TOKEN, GITEA_TOKEN, BITBUCKET_TOKEN, BITBUCKET_SERVER_TOKEN, AZURE_DEVOPS_EXT_PAT or SYSTEM_ACCESSTOKEN).")
  String token;

  @Option(names = {"--forge", "--driver"}, paramLabel = "<forge>", description = "github, gitlab, gitea, forgejo, bitbucket, bitbucket-server or azure-devops. Default: from the CI environment.")
  String forge;

  @Option(names = "--repo", paramLabel = "<repo>", description = "owner/name (GitLab: the project path; Azure DevOps: organization/project/repository). Default: from CI.")
  String repo;

  @Option(names = "--api-url", paramLabel = "<url>", description = "The forge's REST API base, for self-hosted servers.")
  String apiUrl;

  ForgeRequest request(String commitSha) {
    return new ForgeRequest(forge, repo, apiUrl, token, commitSha);
  }
}
