package dev.cairn.live;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a tree of maps, lists, strings, numbers, booleans and nulls as block-style YAML 1.2, in the
 * layout DVCLive's YAML dumper uses for {@code params.yaml}: two-space mapping indent, sequence dashes
 * at the parent's column, empty collections as {@code {}} / {@code []}, a null as an empty value.
 * Strings that would read back as another type, or that hold YAML indicators, are quoted.
 */
final class Yaml {
  private static final Pattern NOT_A_PLAIN_STRING = Pattern.compile(
      "(?i:~|null|true|false|yes|no|on|off|y|n)"
          + "|[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
          + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
          + "|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
          + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*");
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  private Yaml() {}

  /** Returns the YAML document for {@code value}, ending with a newline. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      writeMap(out, map, 0);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      writeList(out, list, 0);
    } else {
      out.append(scalar(value)).append('\n');
    }
    return out.toString();
  }

  private static void writeMap(StringBuilder out, Map<?, ?> map, int indent) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.append(" ".repeat(indent)).append(string(String.valueOf(entry.getKey()))).append(':');
      writeNested(out, entry.getValue(), indent, indent + 2);
    }
  }

  private static void writeList(StringBuilder out, List<?> list, int indent) {
    for (Object item : list) {
      out.append(" ".repeat(indent)).append('-');
      if (item instanceof Map<?, ?> map && !map.isEmpty()) {
        // The first key sits on the dash line, the rest align under it.
        StringBuilder nested = new StringBuilder();
        writeMap(nested, map, indent + 2);
        out.append(' ').append(nested.substring(indent + 2));
      } else if (item instanceof List<?> inner && !inner.isEmpty()) {
        StringBuilder nested = new StringBuilder();
        writeList(nested, inner, indent + 2);
        out.append(' ').append(nested.substring(indent + 2));
      } else {
        out.append(' ').append(scalar(item)).append('\n');
      }
    }
  }

  private static void writeNested(StringBuilder out, Object value, int indent, int mapIndent) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      out.append('\n');
      writeMap(out, map, mapIndent);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      out.append('\n');
      writeList(out, list, indent);
    } else if (value == null) {
      out.append('\n');
    } else {
      out.append(' ').append(scalar(value)).append('\n');
    }
  }

  private static String scalar(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String s) {
      return string(s);
    } else if (value instanceof Boolean b) {
      return b ? "true" : "false";
    } else if (value instanceof Double d) {
      if (d.isNaN()) {
        return ".nan";
      } else if (d.isInfinite()) {
        return d > 0 ? ".inf" : "-.inf";
      }
      return PyFloat.repr(d);
    } else if (value instanceof Long || value instanceof Integer) {
      return value.toString();
    } else if (value instanceof Map<?, ?>) {
      return "{}";
    } else if (value instanceof List<?>) {
      return "[]";
    }
    throw new IllegalArgumentException("Cannot write a " + value.getClass().getName() + " as YAML");
  }

  /** Returns {@code s} plain when YAML reads it back as the same string, quoted otherwise. */
  static String string(String s) {
    if (needsDoubleQuotes(s)) {
      return doubleQuoted(s);
    }
    if (isPlainSafe(s)) {
      return s;
    }
    return "'" + s.replace("'", "''") + "'";
  }

  private static boolean isPlainSafe(String s) {
    if (s.isEmpty() || NOT_A_PLAIN_STRING.matcher(s).matches()) {
      return false;
    }
    char first = s.charAt(0);
    char last = s.charAt(s.length() - 1);
    if (INDICATORS.indexOf(first) >= 0 || first == ' ' || last == ' ' || last == ':') {
      return false;
    }
    return !s.contains(": ") && !s.contains(" #");
  }

  private static boolean needsDoubleQuotes(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfeff) {
        return true;
      }
    }
    return false;
  }

  private static String doubleQuoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfeff) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
