package dev.cairn.forge;

import java.util.Objects;

/**
 * An open pull request (merge request on GitLab) as the forge reports it.
 *
 * @param number the number users see: GitHub/Gitea number, GitLab iid, Bitbucket and Azure DevOps
 *     id
 * @param url its web page
 * @param headBranch the source branch, without {@code refs/heads/}
 * @param baseBranch the target branch, without {@code refs/heads/}
 * @param title its title
 */
public record PullRequest(long number, String url, String headBranch, String baseBranch, String title) {
  /** Checks for nulls. */
  public PullRequest {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(headBranch, "headBranch");
    Objects.requireNonNull(baseBranch, "baseBranch");
    Objects.requireNonNull(title, "title");
    if (number <= 0) {
      throw new IllegalArgumentException("Invalid pull request number " + number);
    }
  }
}
