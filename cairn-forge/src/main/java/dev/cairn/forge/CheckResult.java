package dev.cairn.forge;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CheckPublisher#publishCheck} did.
 *
 * @param kind what was written: a GitHub check run, or a commit (and pull request) status
 * @param id the check run's id or the status's id; empty where the forge returns none
 * @param url the web page of the check (GitHub), or the status's target URL
 * @param headSha the commit it is attached to
 * @param conclusion the outcome published
 * @param updated whether an existing check run of the same name was updated (GitHub), or a status
 *     of the same name replaced (every status forge replaces by name, so this is {@code true} there
 *     only when the forge says so)
 * @param annotations how many annotations were attached (GitHub) or listed in the report comment
 * @param report the comment that carries the report where the status cannot (empty on GitHub, and
 *     when {@link CheckRun#postReport()} is off or there was nowhere to post it)
 * @param warnings one line each for what could not be done as asked, e.g. that Gitea has no commit
 *     comments for the report; for the CLI to print
 */
public record CheckResult(
    Kind kind,
    String id,
    String url,
    String headSha,
    CheckConclusion conclusion,
    boolean updated,
    int annotations,
    Optional<CommentResult> report,
    List<String> warnings) {

  /** What was written. */
  public enum Kind {
    /** A GitHub check run (Checks API). */
    CHECK_RUN,
    /** A commit status (GitLab, Gitea, Bitbucket build status, Azure DevOps commit status). */
    COMMIT_STATUS,
    /** An Azure DevOps pull request status, besides the commit status. */
    PULL_REQUEST_STATUS
  }

  /** Checks for nulls and copies the list. */
  public CheckResult {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(conclusion, "conclusion");
    Objects.requireNonNull(report, "report");
    warnings = List.copyOf(warnings);
  }
}
