package dev.cairn.forge;

import java.util.Locale;
import java.util.Objects;

/**
 * One finding of a check, e.g. a failed gate: a line of a file with a level and a message. On
 * GitHub it becomes a check-run annotation (shown beside the file in the pull request); on forges
 * with plain commit statuses it becomes a line of the report comment.
 *
 * @param level how serious it is
 * @param path the file it is about, relative to the repository root (e.g. {@code cairn.yaml})
 * @param startLine the first line, 1-based
 * @param endLine the last line, at least {@code startLine}
 * @param title a short title, e.g. the gate's name; may be empty
 * @param message what is wrong, e.g. {@code accuracy 0.52 < min 0.55}
 */
public record CheckAnnotation(
    Level level, String path, int startLine, int endLine, String title, String message) {

  /** GitHub's annotation levels. */
  public enum Level {
    /** Information. */
    NOTICE,
    /** A warning. */
    WARNING,
    /** A failure. */
    FAILURE;

    /** GitHub's name: {@code notice}, {@code warning} or {@code failure}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates the values. */
  public CheckAnnotation {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(message, "message");
    if (path.isBlank() || path.startsWith("/") || path.contains("\\")) {
      throw new IllegalArgumentException(
          "Invalid annotation path '" + path + "': use a path relative to the repository root");
    }
    if (startLine < 1 || endLine < startLine) {
      throw new IllegalArgumentException(
          "Invalid annotation lines " + startLine + "-" + endLine + " in " + path);
    }
    if (message.isBlank()) {
      throw new IllegalArgumentException("An annotation of " + path + " needs a message");
    }
  }

  /** A failure on line 1 of {@code path}, e.g. a gate of {@code cairn.yaml}. */
  public static CheckAnnotation failure(String path, String title, String message) {
    return new CheckAnnotation(Level.FAILURE, path, 1, 1, title, message);
  }

  /** The same annotation on lines {@code start}..{@code end}. */
  public CheckAnnotation atLines(int start, int end) {
    return new CheckAnnotation(level, path, start, end, title, message);
  }

  /** One line of Markdown, for forges without annotations: {@code - **title** (path:3): message}. */
  public String markdownLine() {
    String where = path + ":" + startLine;
    String t = title.isBlank() ? "" : "**" + title.strip() + "** ";
    return "- " + (level == Level.FAILURE ? "❌ " : level == Level.WARNING ? "⚠️ " : "ℹ️ ") + t
        + "(" + where + "): " + message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
