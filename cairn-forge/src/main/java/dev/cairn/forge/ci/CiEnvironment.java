package dev.cairn.forge.ci;

import dev.cairn.forge.ForgeKind;
import dev.cairn.forge.ForgeSettings;
import dev.cairn.forge.Token;
import java.net.URI;
import java.util.Objects;

/**
 * What a CI run says about itself.
 *
 * @param provider the CI system
 * @param forge the forge the repository lives on
 * @param apiBase the forge's REST API base for this run (GitHub Enterprise and self-managed
 *     servers included)
 * @param repo the repository to comment on: {@code owner/name}, the GitLab project path (for a
 *     merge request from a fork: the target project's id), or {@code workspace/slug}
 * @param headSha the commit under test: the pull request's head, never the merge commit or the
 *     base-branch tip (unlike CML on {@code pull_request_target})
 * @param pullRequest the pull request number, {@code 0} when the run has none
 * @param baseBranch the pull request's target branch, empty when there is none
 * @param headBranch the branch under test, empty when unknown
 * @param runUrl the web page of the run, empty when unknown
 * @param event the trigger, e.g. {@code pull_request}, {@code merge_request_event}, {@code push}
 * @param workflow the workflow or pipeline id, for {@code {workflow}} in labels
 * @param runId the run or job id, for {@code {run}} in labels
 * @param fromFork whether the pull request comes from a fork (its token may be read-only)
 */
public record CiEnvironment(
    CiProvider provider,
    ForgeKind forge,
    URI apiBase,
    String repo,
    String headSha,
    long pullRequest,
    String baseBranch,
    String headBranch,
    String runUrl,
    String event,
    String workflow,
    String runId,
    boolean fromFork) {

  /** Checks for nulls. */
  public CiEnvironment {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(forge, "forge");
    Objects.requireNonNull(apiBase, "apiBase");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(baseBranch, "baseBranch");
    Objects.requireNonNull(headBranch, "headBranch");
    Objects.requireNonNull(runUrl, "runUrl");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(runId, "runId");
  }

  /** Whether the run belongs to a pull request. */
  public boolean hasPullRequest() {
    return pullRequest > 0;
  }

  /**
   * Replaces the first {@code {workflow}} and {@code {run}} in a marker label with this run's ids,
   * as CML does for {@code --watermark-title}.
   */
  public String expandLabel(String label) {
    return label.replaceFirst("\\{workflow}", quote(workflow)).replaceFirst("\\{run}", quote(runId));
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("$", "\\$");
  }

  /**
   * Forge settings for this run: forge, API base, repository, head SHA and pull request, with the
   * given token and default marker, time-out and retries.
   */
  public ForgeSettings settings(Token token) {
    return ForgeSettings.of(forge, repo, token)
        .withApiBase(apiBase)
        .withHeadSha(headSha)
        .withPullRequest(pullRequest);
  }
}
