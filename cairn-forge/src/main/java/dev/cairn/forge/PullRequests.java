package dev.cairn.forge;

import java.util.Optional;
import java.util.Set;

/**
 * The forge side of {@code cml pr create}: find the open pull request from a branch into a base,
 * open one (reusing the open one on a rerun instead of opening a second), label it and request
 * auto-merge. Committing and pushing the branch is the caller's job (git), before {@link
 * #openPullRequest}.
 */
public interface PullRequests {
  /**
   * The open pull request (merge request) from {@code headBranch} into {@code baseBranch} of this
   * repository, if any. Every page of the forge's listing is read.
   *
   * @param headBranch the source branch, without {@code refs/heads/}
   * @param baseBranch the target branch
   * @return the open pull request (forges allow one per pair of branches; if a listing shows
   *     more, the first it lists), or empty
   * @throws ForgeException if a REST call fails
   */
  Optional<PullRequest> findPullRequest(String headBranch, String baseBranch)
      throws ForgeException;

  /**
   * Makes sure a pull request from {@code request.headBranch()} into {@code request.baseBranch()}
   * is open: reuses the open one (replacing its title and description when {@link
   * PullRequestRequest#updateExisting()} is set), else opens one; adds the labels; requests
   * auto-merge when asked. What the forge cannot do is refused before anything is written.
   *
   * @param request what to open
   * @return what was done
   * @throws ForgeUsageException before any write, if the request asks for labels on a forge without
   *     pull-request labels (Bitbucket Cloud and Server), for a label that does not exist (Gitea), or
   *     for a merge method the forge cannot auto-merge with (see {@link #autoMergeMethods()})
   * @throws ForgeException if a REST call fails
   */
  PullRequestResult openPullRequest(PullRequestRequest request) throws ForgeException;

  /**
   * Turns on auto-merge for pull request {@code number}, so the forge merges it by {@code method}
   * once its required checks and approvals are in:
   *
   * <ul>
   *   <li><b>GitHub:</b> GraphQL {@code enablePullRequestAutoMerge} (the repository must allow
   *       auto-merge). When the pull request is already mergeable, GitHub refuses to wait ("clean
   *       status"), so it is merged at once by the same method, which is what auto-merge would do.
   *   <li><b>GitLab:</b> merge when the pipeline succeeds ({@code merge_when_pipeline_succeeds}),
   *       with {@code squash} for {@link MergeMethod#SQUASH}. Rebase is refused: GitLab's merge
   *       method is a project setting.
   *   <li><b>Gitea/Forgejo:</b> merge with {@code merge_when_checks_succeed} and {@code Do} {@code
   *       merge}, {@code squash} or {@code rebase}.
   *   <li><b>Azure DevOps:</b> auto-complete set by the token's identity, with merge strategy {@code
   *       noFastForward}, {@code squash} or {@code rebase}.
   *   <li><b>Bitbucket Server / Data Center 8.15 and later:</b> merge with {@code autoMerge} and
   *       strategy {@code no-ff}, {@code squash} or {@code rebase-ff-only} (auto-merge must be on in
   *       the repository's settings). Older servers are refused, never merged at once.
   *   <li><b>Bitbucket Cloud:</b> refused; its API has no auto-merge.
   * </ul>
   *
   * @param number the pull request
   * @param method the merge method
   * @return whether auto-merge is on or the pull request was merged
   * @throws ForgeUsageException if the forge cannot auto-merge by {@code method}, or auto-merge is
   *     off for the repository
   * @throws ForgeException if a REST call fails
   */
  AutoMergeResult enableAutoMerge(long number, MergeMethod method) throws ForgeException;

  /** The merge methods {@link #enableAutoMerge} accepts on this forge; empty where it has none. */
  Set<MergeMethod> autoMergeMethods();

  /** Whether pull requests on this forge have labels. */
  boolean supportsLabels();
}
