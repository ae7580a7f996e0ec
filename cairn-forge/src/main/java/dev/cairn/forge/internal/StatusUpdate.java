package dev.cairn.forge.internal;

import dev.cairn.forge.CheckConclusion;
import java.util.Locale;
import java.util.Objects;

/**
 * A commit status to set, worked out from a {@link dev.cairn.forge.CheckRun} by {@link
 * CommentingClient#publishCheck}.
 *
 * @param sha the commit
 * @param name the status's name (context, key)
 * @param conclusion the outcome
 * @param description one line, at most 255 characters, starting with {@code Neutral:} for a
 *     neutral outcome
 * @param targetUrl the details page or the report comment; empty when there is neither
 * @param pullRequest the pull request the report went to, {@code 0} if none is known
 */
public record StatusUpdate(
    String sha,
    String name,
    CheckConclusion conclusion,
    String description,
    String targetUrl,
    long pullRequest) {
  /** Checks for nulls. */
  public StatusUpdate {
    Objects.requireNonNull(sha, "sha");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(conclusion, "conclusion");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(targetUrl, "targetUrl");
  }

  /** A key of at most {@code max} characters from the name: lower case, [a-z0-9._-]. */
  public String key(int max) {
    String k = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
        .replaceAll("^-+|-+$", "");
    if (k.isEmpty()) {
      k = "cairn";
    }
    return k.length() <= max ? k : k.substring(0, max);
  }
}
