package dev.cairn.ci;

/**
 * Where and how to post a report as a comment ({@code cairn comment} and {@code ci run}): every
 * field may be null or take its default, in which case it comes from the CI environment.
 *
 * @param target {@code auto} (the pull request, else a commit comment), {@code pr}, {@code commit},
 *     {@code pr/<n>}, {@code commit/<sha>} or {@code issue/<n>}
 * @param token the forge token; default {@code REPO_TOKEN}, then the forge's own variable
 * @param watermarkTitle the label of the hidden marker ({@code {workflow}} and {@code {run}}
 *     expanded in CI); comments with different labels are updated independently
 * @param publish whether to upload the report's local images and link them
 * @param publishUrl an asset server to upload images to instead of the forge, or null
 * @param forge {@code github}, {@code gitlab}, {@code gitea}, {@code forgejo}, {@code bitbucket},
 *     {@code bitbucket-server} or {@code azure-devops}; null: from CI
 * @param repo {@code owner/name} (GitLab: the project path); null: from CI
 * @param apiUrl the forge's REST API base for self-hosted servers, or null
 * @param commitSha the commit of the run; null: from CI
 */
public record CommentRequest(String target, String token, String watermarkTitle, boolean publish, String publishUrl,
    String forge, String repo, String apiUrl, String commitSha) {
  public CommentRequest {
    target = target == null ? "auto" : target;
    watermarkTitle = watermarkTitle == null ? "" : watermarkTitle;
  }

  /** The defaults: the pull request of the CI run, images published, no label. */
  public static CommentRequest fromCi() {
    return new CommentRequest("auto", null, "", true, null, null, null, null, null);
  }

  /** The forge, repository, token and commit of this request. */
  public ForgeRequest forgeRequest() {
    return new ForgeRequest(forge, repo, apiUrl, token, commitSha);
  }

  /** Whether the target was given rather than {@code auto}. */
  public boolean explicitTarget() {
    return !"auto".equals(target);
  }
}
