package dev.cairn.cli;

import dev.cairn.errors.CairnException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --watch} and {@code --watch-timeout} of {@code comment create|update}. */
final class WatchOptions {
  @Option(names = "--watch", description = "Keep running and post the report again whenever the file changes (for long training runs): the file is looked at every second, and a change is posted once it has held for 2 seconds; later posts edit the same comment. Ends on Ctrl-C or after --watch-timeout.")
  boolean watch;

  @Option(names = "--watch-timeout", paramLabel = "<duration>", description = "With --watch, stop after this long, e.g. 90s, 30m, 12h (a change still settling is posted first). Default: never.")
  String watchTimeout;

  /** The time-out, or null for none. */
  Duration timeout() throws CairnException {
    if (watchTimeout == null) {
      return null;
    }
    if (!watch) {
      throw CairnException.invalidInput("--watch-timeout needs --watch");
    }
    return parse(watchTimeout);
  }

  /** {@code 90s}, {@code 30m}, {@code 12h}, {@code 500ms}, a plain number of seconds, or ISO-8601 ({@code PT1H}). */
  static Duration parse(String text) throws CairnException {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration d;
      if (t.startsWith("pt") || t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else if (t.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      } else if (t.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      } else if (t.endsWith("h")) {
        d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      } else {
        d = Duration.ofSeconds(Long.parseLong(t));
      }
      if (d.isNegative() || d.isZero()) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException | DateTimeParseException e) {
      throw CairnException.invalidInput("--watch-timeout: cannot read '" + text + "': use e.g. 90s, 30m or 12h");
    }
  }
}
