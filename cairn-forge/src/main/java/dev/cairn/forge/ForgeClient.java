package dev.cairn.forge;

import dev.cairn.retry.RetryPolicy;
/**
 * Posts rendered Markdown reports to one repository on one forge, publishes checks ({@link
 * CheckPublisher}) and opens pull requests ({@link PullRequests}). Get one from {@link
 * Forges#client(ForgeSettings)}.
 *
 * <p>Every method makes REST calls: rate limits and server errors are retried as the {@link
 * RetryPolicy} says, and every other failure becomes a {@link ForgeException} subtype with a
 * one-line message ({@link ForgeAuthenticationException} for 401, {@link ForgePermissionException}
 * for 403 naming the permission, {@link ForgeNotFoundException} for 404, {@link
 * ForgeValidationException} for 422 with the forge's words). Instances are thread-safe but
 * intended for one command.
 */
public interface ForgeClient extends CheckPublisher, PullRequests {
  /**
   * The forge this client talks to.
   *
   * @return the forge kind from the settings
   */
  ForgeKind kind();

  /**
   * Works out the concrete target: {@code auto} becomes {@code pr/<n>} when the CI run has a pull
   * request or one contains the run's commit, else {@code commit/<sha>}; {@code pr} and {@code
   * commit} get their number or SHA from the settings or the forge.
   *
   * @param target the target as given, e.g. {@link CommentTarget#auto()}
   * @return the target with its number or SHA filled in: {@code pr/<n>}, {@code commit/<sha>}
   *     or {@code issue/<n>}
   * @throws ForgeUsageException if {@code pr} finds no pull request, the SHA is unknown, or the
   *     forge cannot comment on that kind of target (Gitea and Azure DevOps have no commit
   *     comments; Azure DevOps and Bitbucket Server have no issues)
   * @throws ForgeException if a REST call fails
   */
  CommentTarget resolveTarget(CommentTarget target) throws ForgeException;

  /**
   * Posts a new comment: {@code markdown} plus the settings' {@link ReportMarker}. A body over the
   * forge's size limit is cut, with a note saying so.
   *
   * @param target where to post; resolved as by {@link #resolveTarget}
   * @param markdown the rendered report, without a marker
   * @return what was posted and its web address
   * @throws ForgeException as described on the class
   */
  CommentResult createComment(CommentTarget target, String markdown) throws ForgeException;

  /**
   * Edits the newest comment on the target that carries the settings' marker (or CML's watermark
   * with the same title) <em>and</em> was written by the token's own user; creates a comment when
   * there is none. All pages of comments are read. Comments by other users are never edited, even
   * when they carry the marker. Where the forge cannot edit a kind of comment (GitLab commit
   * comments), a new one is created.
   *
   * @param target where to post; resolved as by {@link #resolveTarget}
   * @param markdown the rendered report, without a marker
   * @return {@link CommentResult.Action#UPDATED} with the edited comment, or {@link
   *     CommentResult.Action#CREATED} with the new one
   * @throws ForgeException as described on the class
   */
  CommentResult updateComment(CommentTarget target, String markdown) throws ForgeException;

  /**
   * Stores an image where the forge itself serves it, with the same visibility as the
   * repository, and returns its Markdown reference. GitHub: a commit to the {@code cairn-assets}
   * branch of the same repository; GitLab: project uploads; Gitea: an attachment of the pull
   * request or issue (so the target must be one); Bitbucket Cloud: the repository's downloads;
   * Azure DevOps: an attachment of the pull request (so the target must be one). Bitbucket Server's
   * REST API documents no upload, so it refuses (the caller leaves the links as written).
   *
   * @param target where the report goes (Gitea attaches the image to it)
   * @param image the image to store
   * @return the image's address and a ready {@code ![alt](url)} reference
   * @throws ForgeUsageException if the forge cannot store images for this target
   * @throws ForgeException if a REST call fails
   */
  ImageLink uploadImage(CommentTarget target, ImageAsset image) throws ForgeException;
}
