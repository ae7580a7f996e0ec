package dev.cairn.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Byte-exact emulation of Python's {@code json.dumps(obj, sort_keys=True)} with default settings,
 * which DVC uses for {@code .dir} manifests, stage digests and run-cache keys: separators {@code ", "}
 * and {@code ": "}, ASCII-only output with lowercase {@code \\uXXXX} escapes (DEL and surrogate pairs
 * included), keys sorted by code point, floats as Python repr, no trailing newline.
 */
public final class PyJson {
  private PyJson() {}

  /** Serialises {@code value} (maps, lists, strings, numbers, booleans, null). */
  public static String dumps(Object value) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, value);
    return sb.toString();
  }

  /**
   * Python's {@code json.dumps(obj, indent=indent, sort_keys=sortKeys)}: with {@code indent < 0}
   * the compact form ({@code ", "} and {@code ": "}), otherwise one item a line indented by {@code
   * indent} spaces with {@code ","} and {@code ": "} (empty containers stay {@code {}}/{@code []}).
   * With {@code sortKeys} false, maps keep their iteration order, as Python dicts keep insertion
   * order; DVC prints command results this way ({@code ui.write_json}).
   */
  public static String dumps(Object value, boolean sortKeys, int indent) {
    StringBuilder sb = new StringBuilder(256);
    write(sb, value, sortKeys, indent, 0);
    return sb.toString();
  }

  /** {@code json.dumps(obj)} keeping map iteration order (what DVC prints for {@code --json}). */
  public static String dumpsUnsorted(Object value) {
    return dumps(value, false, -1);
  }

  /** {@link #dumps} encoded as UTF-8 (which, being ASCII, is one byte per char). */
  public static byte[] dumpsBytes(Object value) {
    return dumps(value).getBytes(StandardCharsets.US_ASCII);
  }

  static void write(StringBuilder sb, Object v) {
    write(sb, v, true, -1, 0);
  }

  private static void newline(StringBuilder sb, int indent, int level) {
    if (indent >= 0) {
      sb.append('\n').append(" ".repeat(indent * level));
    }
  }

  static void write(StringBuilder sb, Object v, boolean sortKeys, int indent, int level) {
    String itemSep = indent < 0 ? ", " : ",";
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Boolean b) {
      sb.append(b ? "true" : "false");
    } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        sb.append("NaN");
      } else if (Double.isInfinite(d)) {
        sb.append(d > 0 ? "Infinity" : "-Infinity");
      } else {
        sb.append(PyRepr.floatRepr(d));
      }
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
      sb.append(v.toString());
    } else if (v instanceof Map<?, ?> m) {
      List<Object> keys = new ArrayList<>(m.keySet());
      if (sortKeys) {
        keys.sort((a, b) -> CodePointOrder.INSTANCE.compare(String.valueOf(a), String.valueOf(b)));
      }
      sb.append('{');
      if (keys.isEmpty()) {
        sb.append('}');
        return;
      }
      for (Iterator<Object> it = keys.iterator(); it.hasNext();) {
        Object k = it.next();
        newline(sb, indent, level + 1);
        quote(sb, String.valueOf(k));
        sb.append(": ");
        write(sb, m.get(k), sortKeys, indent, level + 1);
        if (it.hasNext()) {
          sb.append(itemSep);
        }
      }
      newline(sb, indent, level);
      sb.append('}');
    } else if (v instanceof Iterable<?> l) {
      sb.append('[');
      boolean first = true;
      for (Object o : l) {
        if (!first) {
          sb.append(itemSep);
        }
        first = false;
        newline(sb, indent, level + 1);
        write(sb, o, sortKeys, indent, level + 1);
      }
      if (!first) {
        newline(sb, indent, level);
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("Cannot serialise " + v.getClass().getName() + " as JSON");
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Appends {@code s} as an ASCII-escaped JSON string, as Python's {@code ensure_ascii=True}. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            // UTF-16 code units: a char above U+FFFF is already a surrogate pair here
            sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
