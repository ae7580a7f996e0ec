package dev.cairn.metrics;

import dev.cairn.format.PyRepr;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python semantics for values parsed from YAML/JSON/TOML, as DVC's comparisons and tables see them:
 * {@code bool} is an {@code int}, {@code 1 == 1.0 == True}, {@code round(x, n)}, {@code str(x)}.
 */
final class PyValues {
  private PyValues() {}

  /** Python {@code isinstance(v, (int, float))} (bool included). */
  public static boolean isNumber(Object v) {
    return v instanceof Boolean || v instanceof Number;
  }

  /** Python truthiness of a parsed value. */
  public static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Double || v instanceof Float) {
      return ((Number) v).doubleValue() != 0;
    }
    if (v instanceof BigDecimal d) {
      return d.signum() != 0;
    }
    if (v instanceof Number n) {
      return toBigInteger(n).signum() != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    return true;
  }

  private static boolean isFloat(Object v) {
    return v instanceof Double || v instanceof Float || v instanceof BigDecimal;
  }

  private static BigInteger toBigInteger(Object v) {
    if (v instanceof Boolean b) {
      return b ? BigInteger.ONE : BigInteger.ZERO;
    }
    if (v instanceof BigInteger bi) {
      return bi;
    }
    return BigInteger.valueOf(((Number) v).longValue());
  }

  /** Python {@code a == b}. */
  public static boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (isNumber(a) && isNumber(b)) {
      if (isFloat(a) || isFloat(b)) {
        double x = isFloat(a) ? ((Number) a).doubleValue() : Double.NaN;
        double y = isFloat(b) ? ((Number) b).doubleValue() : Double.NaN;
        if (isFloat(a) && isFloat(b)) {
          return x == y;
        }
        double f = isFloat(a) ? x : y;
        Object i = isFloat(a) ? b : a;
        if (Double.isNaN(f) || Double.isInfinite(f)) {
          return false;
        }
        return new BigDecimal(f).compareTo(new BigDecimal(toBigInteger(i))) == 0;
      }
      return toBigInteger(a).equals(toBigInteger(b));
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      Iterator<?> ib = lb.iterator();
      for (Object x : la) {
        if (!equal(x, ib.next())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (ma.size() != mb.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ma.entrySet()) {
        if (!mb.containsKey(e.getKey()) || !equal(e.getValue(), mb.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  /** Python {@code b - a} for two numbers (int arithmetic stays exact, otherwise float). */
  public static Object subtract(Object newValue, Object oldValue) {
    if (isFloat(newValue) || isFloat(oldValue)) {
      return toDouble(newValue) - toDouble(oldValue);
    }
    BigInteger r = toBigInteger(newValue).subtract(toBigInteger(oldValue));
    return r.bitLength() < 64 ? (Object) r.longValue() : r;
  }

  private static double toDouble(Object v) {
    return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).doubleValue();
  }

  /** Python {@code round(x, n)} for a float: correctly rounded, ties to even, on the exact binary value. */
  public static double round(double x, int n) {
    if (Double.isNaN(x) || Double.isInfinite(x) || x == 0) {
      return x;
    }
    double r = new BigDecimal(x).setScale(n, RoundingMode.HALF_EVEN).doubleValue();
    return r == 0 ? Math.copySign(0.0, x) : r;
  }

  /**
   * A table cell as DVC's {@code _format_field}: floats (also inside lists and maps) rounded with
   * {@code round(x, precision)} unless {@code precision} is 0 (no rounding), then Python {@code str()}.
   */
  public static String formatField(Object v, int precision) {
    return PyRepr.str(roundFloats(v, precision));
  }

  private static Object roundFloats(Object v, int precision) {
    if (precision != 0 && (v instanceof Double || v instanceof Float)) {
      return round(((Number) v).doubleValue(), precision);
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, roundFloats(x, precision)));
      return out;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(x -> roundFloats(x, precision)).toList();
    }
    return v;
  }
}
