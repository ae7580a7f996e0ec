package dev.cairn.forge;

import java.util.Objects;

/**
 * What {@link PullRequests#enableAutoMerge} achieved.
 *
 * @param method the merge method asked for
 * @param state whether the forge will merge later or merged already
 * @param detail one line saying what the forge did, in its own terms (e.g. {@code GitLab: merge
 *     when the pipeline succeeds})
 */
public record AutoMergeResult(MergeMethod method, State state, String detail) {
  /** The outcome. */
  public enum State {
    /** Auto-merge is on: the forge merges once the required checks and approvals are in. */
    ENABLED,
    /** Nothing was left to wait for, so the pull request was merged at once. */
    MERGED
  }

  /** Checks for nulls. */
  public AutoMergeResult {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }
}
