package dev.cairn.pipeline;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Python {@code ==} on parsed values: {@code 1 == 1.0 == True}, lists compared item by item. */
final class PyEquality {
  private PyEquality() {}

  static boolean eq(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Double da && da.isNaN() || b instanceof Double db && db.isNaN()) {
      return false;
    }
    if (isNum(a) && isNum(b)) {
      return num(a).compareTo(num(b)) == 0;
    }
    if (a instanceof String || b instanceof String) {
      return a.equals(b);
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      Iterator<?> ia = la.iterator();
      Iterator<?> ib = lb.iterator();
      while (ia.hasNext()) {
        if (!eq(ia.next(), ib.next())) {
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
        if (!mb.containsKey(e.getKey()) || !eq(e.getValue(), mb.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean isNum(Object o) {
    if (o instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return false;
    }
    return o instanceof Number || o instanceof Boolean;
  }

  private static BigDecimal num(Object o) {
    if (o instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (o instanceof BigInteger bi) {
      return new BigDecimal(bi);
    }
    if (o instanceof BigDecimal bd) {
      return bd;
    }
    if (o instanceof Double || o instanceof Float) {
      return new BigDecimal(((Number) o).doubleValue());
    }
    return BigDecimal.valueOf(((Number) o).longValue());
  }
}
