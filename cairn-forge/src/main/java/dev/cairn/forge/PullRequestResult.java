package dev.cairn.forge;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PullRequests#openPullRequest} did.
 *
 * @param action whether the pull request was opened, reused as it was, or reused with a new title
 *     and description
 * @param pullRequest the pull request
 * @param labels the labels set on it
 * @param autoMerge the auto-merge outcome; empty when none was asked for
 * @param descriptionCut whether the description was cut to the forge's limit
 */
public record PullRequestResult(
    Action action,
    PullRequest pullRequest,
    List<String> labels,
    Optional<AutoMergeResult> autoMerge,
    boolean descriptionCut) {

  /** What happened. */
  public enum Action {
    /** A new pull request was opened. */
    CREATED,
    /** An open one from the same branch into the same base was found and left as it was. */
    REUSED,
    /** An open one was found and its title and description replaced. */
    UPDATED
  }

  /** Checks for nulls and copies the list. */
  public PullRequestResult {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(pullRequest, "pullRequest");
    Objects.requireNonNull(autoMerge, "autoMerge");
    labels = List.copyOf(labels);
  }
}
