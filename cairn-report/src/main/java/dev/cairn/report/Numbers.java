package dev.cairn.report;

import java.math.BigDecimal;
import java.math.MathContext;

/** Number formatting for messages: at most 6 significant digits, no exponent for usual values. */
final class Numbers {
  private Numbers() {}

  static String format(double d) {
    if (!Double.isFinite(d)) {
      return Double.toString(d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    BigDecimal b = new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros();
    return Math.abs(d) >= 1e-6 && Math.abs(d) < 1e15 ? b.toPlainString() : b.toString();
  }

  /** A signed amount, e.g. {@code +0.02} or {@code -1.5}. */
  static String signed(double d) {
    return (d > 0 ? "+" : "") + format(d);
  }
}
