package dev.cairn.forge.ci;

/** The CI systems Cairn recognises. */
enum CiProvider {
  /** GitHub Actions ({@code GITHUB_ACTIONS=true}). */
  GITHUB_ACTIONS,
  /** GitLab CI/CD ({@code GITLAB_CI=true}). */
  GITLAB_CI,
  /** Bitbucket Pipelines ({@code BITBUCKET_BUILD_NUMBER}). */
  BITBUCKET_PIPELINES,
  /**
   * Gitea or Forgejo Actions ({@code GITEA_ACTIONS=true} or {@code FORGEJO_ACTIONS=true}; their
   * runners also set {@code GITHUB_ACTIONS=true}, so these are checked first).
   */
  GITEA_ACTIONS
}
