package dev.cairn.forge;

import java.util.Objects;

/**
 * What {@link ForgeClient#createComment} or {@link ForgeClient#updateComment} did.
 *
 * @param action whether a comment was created or an existing one edited
 * @param id the forge's comment id
 * @param url the comment's web address, for printing on stdout (as {@code cml comment} does)
 * @param target the resolved target, e.g. {@code pr/12} or {@code commit/<sha>}
 */
public record CommentResult(Action action, String id, String url, CommentTarget target) {
  /** What happened to the comment. */
  public enum Action {
    /** A new comment was posted. */
    CREATED,
    /** An existing comment carrying our marker was edited in place. */
    UPDATED
  }

  /** Checks for nulls. */
  public CommentResult {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(target, "target");
  }
}
