package dev.cairn.forge;

import java.util.Locale;

/**
 * The outcome a check reports, as in CML's {@code check create --conclusion}: the gates passed,
 * failed, or say nothing either way.
 *
 * <p>GitHub has all three. Forges whose commit statuses have no neutral state get their success
 * state with a description that starts with {@code Neutral:} (GitLab, Gitea, Bitbucket Cloud,
 * Bitbucket Server); Azure DevOps gets {@code notApplicable}. A neutral result never blocks a merge
 * on GitHub either, so success is the faithful mapping.
 */
public enum CheckConclusion {
  /** Every gate passed. */
  SUCCESS,
  /** At least one gate failed. */
  FAILURE,
  /** Informational: neither pass nor fail. */
  NEUTRAL;

  /** The lower-case name, e.g. {@code success}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code success}, {@code failure} or {@code neutral} (any case).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static CheckConclusion parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "success":
        return SUCCESS;
      case "failure":
        return FAILURE;
      case "neutral":
        return NEUTRAL;
      default:
        throw new IllegalArgumentException(
            "Unknown conclusion '" + text + "': use success, failure or neutral");
    }
  }
}
