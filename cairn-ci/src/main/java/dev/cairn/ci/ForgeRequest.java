package dev.cairn.ci;

/**
 * Which forge, repository and commit a command talks to, and with which token: every field may be
 * null, in which case it comes from the CI run (or, for {@code pr create}, from the Git remote).
 *
 * @param forge {@code github}, {@code gitlab}, {@code gitea}, {@code forgejo}, {@code bitbucket},
 *     {@code bitbucket-server} or {@code azure-devops}; null: from CI
 * @param repo {@code owner/name} (GitLab: the project path; Azure DevOps {@code org/project/repo});
 *     null: from CI
 * @param apiUrl the forge's REST API base for self-hosted servers, or null
 * @param token the forge token; null: {@code REPO_TOKEN}, then the forge's own variable
 * @param commitSha the commit of the run; null: from CI
 */
public record ForgeRequest(String forge, String repo, String apiUrl, String token, String commitSha) {
  /** Everything from the CI run. */
  public static ForgeRequest fromCi() {
    return new ForgeRequest(null, null, null, null, null);
  }
}
