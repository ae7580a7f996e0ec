package dev.cairn.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code str()}/{@code repr()} of values parsed from YAML/JSON, which DVC uses in
 * templating, tables and params diffs. Floats use the shortest repr that round-trips (Python's
 * {@code float_repr_style = 'short'}): {@code 1e-05}, {@code 0.1}, {@code 1e+16}, {@code 1.0}.
 */
public final class PyRepr {
  private PyRepr() {}

  /** Python {@code str(x)} for scalars, lists and maps (lists/maps use repr of their items). */
  public static String str(Object o) {
    if (o instanceof String s) {
      return s;
    }
    return repr(o);
  }

  /** Python {@code repr(x)}: strings quoted, {@code None}, {@code True}/{@code False}. */
  public static String repr(Object o) {
    if (o == null) {
      return "None";
    }
    if (o instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (o instanceof Double || o instanceof Float) {
      return floatRepr(((Number) o).doubleValue());
    }
    if (o instanceof BigDecimal bd) {
      return floatRepr(bd.doubleValue());
    }
    if (o instanceof Number n) {
      return n.toString();
    }
    if (o instanceof String s) {
      return stringRepr(s);
    }
    if (o instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (Iterator<?> it = l.iterator(); it.hasNext();) {
        sb.append(repr(it.next()));
        if (it.hasNext()) {
          sb.append(", ");
        }
      }
      return sb.append(']').toString();
    }
    if (o instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      for (Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator(); it.hasNext();) {
        Map.Entry<?, ?> e = it.next();
        sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
        if (it.hasNext()) {
          sb.append(", ");
        }
      }
      return sb.append('}').toString();
    }
    return o.toString();
  }

  static String stringRepr(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == q || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(q).toString();
  }

  /** Python {@code repr(float)}. */
  public static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(d);
    BigDecimal shortest = exact;
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == d) {
        shortest = r;
        break;
      }
    }
    BigInteger unscaled = shortest.unscaledValue().abs();
    String digits = unscaled.toString();
    // strip trailing zeros from the digit string
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    int exp10 = digits.length() - shortest.scale(); // value = 0.digits * 10^exp10
    digits = digits.substring(0, end);
    String sign = d < 0 ? "-" : "";
    int decpt = exp10;
    if (decpt > 16 || decpt < -3) {
      int e = decpt - 1;
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String es = Math.abs(e) < 10 ? "0" + Math.abs(e) : Integer.toString(Math.abs(e));
      return sign + mant + "e" + (e < 0 ? "-" : "+") + es;
    }
    StringBuilder sb = new StringBuilder(sign);
    if (decpt <= 0) {
      sb.append("0.");
      sb.append("0".repeat(-decpt));
      sb.append(digits);
    } else if (decpt >= digits.length()) {
      sb.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
    } else {
      sb.append(digits, 0, decpt).append('.').append(digits.substring(decpt));
    }
    return sb.toString();
  }
}
