package dev.cairn.forge;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a comment goes, as in CML's {@code --target}: {@code auto} (the pull request of the CI run
 * or of the commit, else a commit comment), {@code pr}, {@code commit}, or an explicit {@code
 * pr/<n>}, {@code commit/<sha>}, {@code issue/<n>}.
 *
 * @param kind the kind of target
 * @param ref the explicit number or commit SHA; empty when it comes from the CI environment
 */
public record CommentTarget(Kind kind, String ref) {
  private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,18}");
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

  /** The kinds of target. */
  public enum Kind {
    /** The pull request of the run or of the commit if there is one, else a commit comment. */
    AUTO,
    /** A pull request (merge request on GitLab). */
    PR,
    /** A commit. */
    COMMIT,
    /** An issue; needs an explicit number. */
    ISSUE
  }

  /** Validates that {@code ref} fits {@code kind}. */
  public CommentTarget {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ref, "ref");
    switch (kind) {
      case AUTO:
        if (!ref.isEmpty()) {
          throw new IllegalArgumentException("Target 'auto' takes no number or SHA");
        }
        break;
      case PR:
      case ISSUE:
        if (!ref.isEmpty() && !NUMBER.matcher(ref).matches()) {
          throw new IllegalArgumentException(
              "Invalid " + kind.name().toLowerCase(Locale.ROOT) + " number '" + ref + "'");
        }
        if (kind == Kind.ISSUE && ref.isEmpty()) {
          throw new IllegalArgumentException("Target 'issue' needs a number: issue/<n>");
        }
        break;
      case COMMIT:
        if (!ref.isEmpty() && !SHA.matcher(ref).matches()) {
          throw new IllegalArgumentException("Invalid commit SHA '" + ref + "'");
        }
        break;
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  /** The default: pull request if there is one, else the commit. */
  public static CommentTarget auto() {
    return new CommentTarget(Kind.AUTO, "");
  }

  /** The pull request of the CI run, or the one containing its commit. */
  public static CommentTarget pr() {
    return new CommentTarget(Kind.PR, "");
  }

  /** Pull request (merge request) number {@code number}. */
  public static CommentTarget pr(long number) {
    return new CommentTarget(Kind.PR, Long.toString(number));
  }

  /** The commit of the CI run. */
  public static CommentTarget commit() {
    return new CommentTarget(Kind.COMMIT, "");
  }

  /** Commit {@code sha}. */
  public static CommentTarget commit(String sha) {
    return new CommentTarget(Kind.COMMIT, sha);
  }

  /** Issue number {@code number}. */
  public static CommentTarget issue(long number) {
    return new CommentTarget(Kind.ISSUE, Long.toString(number));
  }

  /**
   * Parses CML's syntax: {@code auto}, {@code pr}, {@code commit}, {@code pr/<n>}, {@code
   * commit/<sha>}, {@code issue/<n>}.
   *
   * @throws IllegalArgumentException with the accepted forms when the text is none of them
   */
  public static CommentTarget parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String head = (slash < 0 ? t : t.substring(0, slash)).toLowerCase(Locale.ROOT);
    String tail = slash < 0 ? "" : t.substring(slash + 1);
    if (slash >= 0 && tail.isEmpty()) {
      throw invalid(text);
    }
    switch (head) {
      case "auto":
        if (slash >= 0) {
          throw invalid(text);
        }
        return auto();
      case "pr":
        return new CommentTarget(Kind.PR, tail);
      case "commit":
        return new CommentTarget(Kind.COMMIT, tail);
      case "issue":
        return new CommentTarget(Kind.ISSUE, tail);
      default:
        throw invalid(text);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "Invalid comment target '"
            + text
            + "': use auto, pr, commit, pr/<number>, commit/<sha> or issue/<number>");
  }

  /** Whether the number or SHA is explicit. */
  public boolean hasRef() {
    return !ref.isEmpty();
  }

  @Override
  public String toString() {
    String k = kind.name().toLowerCase(Locale.ROOT);
    return ref.isEmpty() ? k : k + "/" + ref;
  }
}
