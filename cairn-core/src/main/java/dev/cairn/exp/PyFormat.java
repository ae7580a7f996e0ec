package dev.cairn.exp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Python's {@code format(x, ".<p>g")} for floats, as {@code exp show} prints metrics and params. */
final class PyFormat {
  private PyFormat() {}

  /**
   * {@code "{:.pg}".format(d)}: {@code p} significant digits, round-half-even on the exact binary
   * value, trailing zeros removed, scientific notation when the exponent is below -4 or at least
   * {@code p}, exponent with a sign and at least two digits.
   */
  static String g(double d, int p) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (p == 0) {
      p = 1;
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal r = new BigDecimal(d).round(new MathContext(p, RoundingMode.HALF_EVEN));
    int exp = r.precision() - r.scale() - 1;
    String sign = r.signum() < 0 ? "-" : "";
    BigDecimal abs = r.abs();
    if (exp < -4 || exp >= p) {
      BigDecimal mant = abs.movePointLeft(exp);
      String m = strip(mant.setScale(p - 1, RoundingMode.HALF_EVEN).toPlainString());
      String e = String.valueOf(Math.abs(exp));
      return sign + m + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
    return sign + strip(abs.setScale(Math.max(0, p - 1 - exp), RoundingMode.HALF_EVEN).toPlainString());
  }

  private static String strip(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }
}
