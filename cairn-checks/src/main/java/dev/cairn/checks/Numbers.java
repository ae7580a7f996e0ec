package dev.cairn.checks;

import java.util.Locale;

/** Number formatting shared by the check messages. */
final class Numbers {
  private Numbers() {}

  /** Formats with four decimals, independent of the default locale. */
  static String f4(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, got " + value);
    }
  }
}
