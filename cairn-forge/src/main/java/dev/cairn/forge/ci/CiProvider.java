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
  GITEA_ACTIONS,
  /**
   * Azure Pipelines ({@code TF_BUILD=True}), building Azure Repos, GitHub or Bitbucket Cloud
   * repositories.
   */
  AZURE_PIPELINES,
  /**
   * Jenkins ({@code JENKINS_URL}); the forge comes from {@code GIT_URL}, multibranch pull requests
   * from {@code CHANGE_ID}.
   */
  JENKINS,
  /** Atlassian Bamboo ({@code bamboo_buildKey}); the forge comes from the plan repository's URL. */
  BAMBOO
}
