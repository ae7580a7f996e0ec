package dev.cairn.forge;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pull request {@link PullRequests#openPullRequest} should make sure exists: from {@code
 * headBranch} (already pushed to the same repository) into {@code baseBranch}. Build with {@link
 * #of} and the {@code with*} methods.
 *
 * @param headBranch the source branch, e.g. {@code cairn/1a2b3c4}; without {@code refs/heads/}
 * @param baseBranch the target branch, e.g. {@code main}
 * @param title the title
 * @param body the description (Markdown), e.g. the report; cut to the forge's limit with a note
 * @param labels labels to set (created on the fly where the forge does so: GitHub, GitLab, Azure
 *     DevOps; Gitea needs them to exist; Bitbucket has none and refuses)
 * @param autoMerge the merge method to request auto-merge with; empty for none
 * @param updateExisting when a pull request from {@code headBranch} into {@code baseBranch} is
 *     already open: whether to replace its title and description (labels are always added)
 */
public record PullRequestRequest(
    String headBranch,
    String baseBranch,
    String title,
    String body,
    List<String> labels,
    Optional<MergeMethod> autoMerge,
    boolean updateExisting) {
  private static final Pattern BRANCH =
      Pattern.compile("(?!/)(?!.*//)(?!.*\\.\\.)(?!.*@\\{)[^\\s~^:?*\\[\\\\\\x00-\\x1f\\x7f]+(?<![/.])");

  /** Validates the values and copies the list. */
  public PullRequestRequest {
    Objects.requireNonNull(headBranch, "headBranch");
    Objects.requireNonNull(baseBranch, "baseBranch");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(autoMerge, "autoMerge");
    labels = List.copyOf(labels);
    for (String b : List.of(headBranch, baseBranch)) {
      if (b.startsWith("refs/") || !BRANCH.matcher(b).matches() || b.endsWith(".lock")) {
        throw new IllegalArgumentException(
            "Invalid branch name '" + b + "': give a plain branch name such as main");
      }
    }
    if (headBranch.equals(baseBranch)) {
      throw new IllegalArgumentException(
          "The pull request's branch and its target are both '" + headBranch + "'");
    }
    if (title.isBlank() || title.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("A pull request needs a one-line title");
    }
    for (String l : labels) {
      if (l.isBlank() || l.contains(",") || l.length() > 50) {
        throw new IllegalArgumentException(
            "Invalid label '" + l + "': use up to 50 characters without commas");
      }
    }
  }

  /** A request with no labels, no auto-merge, and an existing pull request reused as it is. */
  public static PullRequestRequest of(String headBranch, String baseBranch, String title, String body) {
    return new PullRequestRequest(headBranch, baseBranch, title, body, List.of(), Optional.empty(),
        false);
  }

  /** With labels. */
  public PullRequestRequest withLabels(List<String> l) {
    return new PullRequestRequest(headBranch, baseBranch, title, body, l, autoMerge, updateExisting);
  }

  /** With auto-merge by {@code method}. */
  public PullRequestRequest withAutoMerge(MergeMethod method) {
    return new PullRequestRequest(headBranch, baseBranch, title, body, labels,
        Optional.of(method), updateExisting);
  }

  /** With an already open pull request's title and description replaced. */
  public PullRequestRequest withUpdateExisting(boolean update) {
    return new PullRequestRequest(headBranch, baseBranch, title, body, labels, autoMerge, update);
  }
}
