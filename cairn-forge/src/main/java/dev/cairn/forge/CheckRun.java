package dev.cairn.forge;

import java.util.List;
import java.util.Objects;

/**
 * A report to publish as a check of one commit ({@code cml check create}): built with {@link #of}
 * and the {@code with*} methods, given to {@link CheckPublisher#publishCheck}.
 *
 * @param name the check's name, which identifies it across reruns (GitHub check-run name, GitLab
 *     and Gitea status context, Bitbucket build key, Azure DevOps status context name)
 * @param headSha the commit to attach it to; empty for the settings' head SHA (the CI run's)
 * @param conclusion the outcome
 * @param title one line for the check's title and the status description, e.g. {@code 2 of 5 gates
 *     failed}; empty for a default built from the conclusion
 * @param summary the rendered Markdown report
 * @param annotations findings to attach, e.g. one per failed gate
 * @param detailsUrl a page with the details, e.g. the CI run; empty for none (statuses then link to
 *     the report comment)
 * @param postReport where the forge's status cannot carry the report (every forge but GitHub),
 *     whether to post the summary as a comment on the pull request (or commit), updated in place
 *     under its own marker; turn off when the report is posted as a comment anyway
 */
public record CheckRun(
    String name,
    String headSha,
    CheckConclusion conclusion,
    String title,
    String summary,
    List<CheckAnnotation> annotations,
    String detailsUrl,
    boolean postReport) {

  /** Validates the values and copies the list. */
  public CheckRun {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(headSha, "headSha");
    Objects.requireNonNull(conclusion, "conclusion");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(detailsUrl, "detailsUrl");
    annotations = List.copyOf(annotations);
    if (name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "Invalid check name '" + name + "': use 1 to 100 printable characters");
    }
    if (!headSha.isEmpty() && !headSha.matches("[0-9a-fA-F]{7,64}")) {
      throw new IllegalArgumentException("Invalid commit SHA '" + headSha + "'");
    }
    if (!detailsUrl.isEmpty() && !detailsUrl.matches("(?i)https?://\\S+")) {
      throw new IllegalArgumentException("Invalid details URL '" + detailsUrl + "': use an http(s) URL");
    }
  }

  /** A check of the CI run's commit, with no annotations and the report posted where needed. */
  public static CheckRun of(String name, CheckConclusion conclusion, String summary) {
    return new CheckRun(name, "", conclusion, "", summary, List.of(), "", true);
  }

  /** With an explicit commit. */
  public CheckRun withHeadSha(String sha) {
    return new CheckRun(name, sha, conclusion, title, summary, annotations, detailsUrl, postReport);
  }

  /** With a title. */
  public CheckRun withTitle(String t) {
    return new CheckRun(name, headSha, conclusion, t, summary, annotations, detailsUrl, postReport);
  }

  /** With annotations. */
  public CheckRun withAnnotations(List<CheckAnnotation> a) {
    return new CheckRun(name, headSha, conclusion, title, summary, a, detailsUrl, postReport);
  }

  /** With a details URL (e.g. the CI run's page). */
  public CheckRun withDetailsUrl(String url) {
    return new CheckRun(name, headSha, conclusion, title, summary, annotations, url, postReport);
  }

  /** With or without the report comment on forges whose statuses cannot carry the report. */
  public CheckRun withPostReport(boolean post) {
    return new CheckRun(name, headSha, conclusion, title, summary, annotations, detailsUrl, post);
  }

  /** The title, or {@code <name>: success|failure|neutral} when none was given. */
  public String effectiveTitle() {
    return title.isBlank() ? name + ": " + conclusion.id() : title.strip();
  }
}
