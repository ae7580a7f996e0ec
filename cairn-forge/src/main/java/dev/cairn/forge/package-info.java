/**
 * Posting CI reports to pull requests, merge requests, issues and commits; publishing them as
 * checks; opening pull requests with auto-merge. Forges: GitHub, GitLab, Gitea/Forgejo, Bitbucket
 * Cloud, Bitbucket Server / Data Center, Azure DevOps.
 *
 * <p>The module takes rendered Markdown plus a {@link dev.cairn.forge.CommentTarget}; it knows
 * nothing of Cairn's core types. Entry points:
 *
 * <ul>
 *   <li>{@link dev.cairn.forge.ci.CiDetector#detect} reads the CI environment (passed in as a map)
 *       into a {@link dev.cairn.forge.ci.CiEnvironment};
 *   <li>{@link dev.cairn.forge.Forges#client} builds a {@link dev.cairn.forge.ForgeClient} from
 *       {@link dev.cairn.forge.ForgeSettings};
 *   <li>{@link dev.cairn.forge.ForgeClient#createComment} and {@link
 *       dev.cairn.forge.ForgeClient#updateComment} post the report, with a hidden {@link
 *       dev.cairn.forge.ReportMarker};
 *   <li>{@link dev.cairn.forge.ForgeClient#uploadImage} or a {@link
 *       dev.cairn.forge.PublishUrlUploader} turn a local image into a Markdown reference;
 *   <li>{@link dev.cairn.forge.CheckPublisher#publishCheck} publishes a {@link
 *       dev.cairn.forge.CheckRun} (a GitHub check run, a commit status elsewhere);
 *   <li>{@link dev.cairn.forge.PullRequests#openPullRequest} opens or reuses a pull request, with
 *       labels and auto-merge;
 *   <li>{@link dev.cairn.forge.RemoteUrl} and {@link dev.cairn.forge.ForgeHosts} work out the
 *       forge and repository from a git remote.
 * </ul>
 *
 * <p>Errors: every failure is a checked {@link dev.cairn.forge.ForgeException} subtype whose
 * message is one line a user can act on. Tokens ({@link dev.cairn.forge.Token}) never appear in a
 * message, a log or a {@code toString()}. Nothing here prints, reads {@code System.getenv} or
 * sleeps on the wall clock in tests: the environment, the clock and the sleeper are injected.
 *
 * <p>Unless said otherwise, parameters and return values are never {@code null}.
 */
package dev.cairn.forge;
