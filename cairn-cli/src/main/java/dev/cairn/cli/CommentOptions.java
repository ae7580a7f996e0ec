package dev.cairn.cli;

import picocli.CommandLine.Option;

/** The options of {@code comment create|update}, shared with {@code ci run}. */
final class CommentOptions {
  @Option(names = "--target", paramLabel = "<target>", defaultValue = "auto", description = {
      "auto (the pull request, else a commit comment), pr, commit, pr/<n>, commit/<sha> or issue/<n>.",
      "Default: ${DEFAULT-VALUE}."})
  String target = "auto";

  @Option(names = "--token", paramLabel = "<token>", description = {
      "Forge token. Default: REPO_TOKEN, then the forge's own variable (GITHUB_TOKEN, GITLAB_TOKEN, GITEA_TOKEN, BITBUCKET_TOKEN)."})
  String token;

  @Option(names = "--watermark-title", paramLabel = "<label>", defaultValue = "", description = {
      "Label of the hidden marker; comments with different labels are updated independently.",
      "{workflow} and {run} are replaced with the CI ids."})
  String watermarkTitle = "";

  @Option(names = "--publish", negatable = true, defaultValue = "true", fallbackValue = "true", description = {
      "Upload the report's local images to the forge (or to --publish-url) and link them. Default: on; when an upload is refused the report is posted with its links unchanged."})
  boolean publish = true;

  @Option(names = "--publish-url", paramLabel = "<url>", description = "Upload images to this asset server instead.")
  String publishUrl;

  @Option(names = "--forge", paramLabel = "<forge>", description = {
      "github, gitlab, gitea, forgejo or bitbucket. Default: from the CI environment."})
  String forge;

  @Option(names = "--repo", paramLabel = "<repo>", description = "owner/name (GitLab: project path). Default: from CI.")
  String repo;

  @Option(names = "--api-url", paramLabel = "<url>", description = "The forge's REST API base, for self-hosted servers.")
  String apiUrl;

  @Option(names = "--commit-sha", paramLabel = "<sha>", description = "The commit of the run. Default: from CI.")
  String commitSha;
}
