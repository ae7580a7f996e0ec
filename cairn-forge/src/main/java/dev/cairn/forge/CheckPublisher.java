package dev.cairn.forge;

/**
 * Publishes a report as a check of one commit, as {@code cml check create} does on GitHub, with
 * the nearest equivalent elsewhere.
 *
 * <ul>
 *   <li><b>GitHub:</b> a check run (Checks API). The report is the summary (cut to 65,535
 *       characters with a note), the conclusion is the check's, each annotation is a check-run
 *       annotation (sent 50 per request, as the API requires). A rerun updates the check run of the
 *       same name on the same commit, unless it already has annotations (GitHub only appends them,
 *       so stale ones would stay): then a new run of that name is created, which GitHub shows in
 *       its place. Needs {@code checks: write} with {@code GITHUB_TOKEN} or a GitHub App token;
 *       personal access tokens cannot create check runs.
 *   <li><b>GitLab:</b> a commit status (state, name, description, target URL) plus the report as a
 *       merge request note (or a commit comment when there is no merge request), since a status
 *       carries no text.
 *   <li><b>Gitea/Forgejo:</b> a commit status plus the report as a pull request comment (Gitea has
 *       no commit comments: without a pull request the report is not posted, and a warning says
 *       so).
 *   <li><b>Bitbucket Cloud and Bitbucket Server:</b> a build status (key, state, name, URL,
 *       description) plus the report as a pull request or commit comment.
 *   <li><b>Azure DevOps:</b> a commit status and, when there is a pull request, a pull request
 *       status (which branch policies can require), plus the report as a pull request thread.
 * </ul>
 *
 * A status's target URL is the run's {@link CheckRun#detailsUrl()}, else the report comment.
 */
public interface CheckPublisher {
  /**
   * Publishes the check.
   *
   * @param run the check to publish
   * @return what was written, with warnings for what could not be
   * @throws ForgeUsageException if no commit is known (not in CI and no {@link
   *     CheckRun#headSha()})
   * @throws ForgeException if a REST call fails, as described on {@link ForgeClient}
   */
  CheckResult publishCheck(CheckRun run) throws ForgeException;
}
