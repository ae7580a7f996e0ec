package dev.cairn.forge;

import java.util.Locale;

/**
 * How a pull request is merged when auto-merge fires, as CML's {@code pr create --merge|--squash|
 * --rebase}. What each maps to on each forge is listed on {@link PullRequests#enableAutoMerge}.
 */
public enum MergeMethod {
  /** A merge commit. */
  MERGE,
  /** All commits squashed into one. */
  SQUASH,
  /** The commits rebased onto the base branch, no merge commit. */
  REBASE;

  /** The lower-case name, e.g. {@code squash}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code merge}, {@code squash} or {@code rebase} (any case).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static MergeMethod parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "merge":
        return MERGE;
      case "squash":
        return SQUASH;
      case "rebase":
        return REBASE;
      default:
        throw new IllegalArgumentException(
            "Unknown merge method '" + text + "': use merge, squash or rebase");
    }
  }
}
