package dev.cairn.lib;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes YAML the way DVC's ruamel dumper does for {@code dvc.lock}, {@code .dvc} files and
 * {@code dvc.yaml}: block style, 2-space indent, sequence dashes not indented under their key
 * ({@code deps:\n- path: x}), strings plain unless they would read back as another type or contain
 * indicators (then single-quoted, or double-quoted for non-printable characters), plain and
 * single-quoted scalars folded at a space once the line passes column 80, {@code \n} line ends.
 * Maps are written in their iteration order.
 */
public final class YamlWriter {
  private static final int BEST_WIDTH = 80;

  // YAML 1.2 core schema as ruamel resolves it: what a plain scalar would turn into
  private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern INT = Pattern.compile(
      "[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+");
  private static final Pattern FLOAT = Pattern.compile(
      "[-+]?([0-9][0-9_]*)\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?([0-9][0-9_]*)([eE][-+]?[0-9]+)"
          + "|\\.[0-9_]+([eE][-+][0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

  private final StringBuilder out = new StringBuilder();
  private int column;

  private YamlWriter() {}

  /** Serialises a document whose top level is a map or a list. */
  public static String write(Object document) {
    YamlWriter w = new YamlWriter();
    w.node(document, 0, false);
    return w.out.toString();
  }

  private void node(Object v, int indent, boolean inSeq) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        return;
      }
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(first && inSeq)) {
          pad(indent);
        }
        first = false;
        emit(key(String.valueOf(e.getKey())));
        emit(":");
        Object val = e.getValue();
        if (val instanceof Map<?, ?> sub && !sub.isEmpty()) {
          newline();
          node(sub, indent + 2, false);
        } else if (val instanceof List<?> l && !l.isEmpty()) {
          newline();
          node(l, indent, false);
        } else {
          emit(" ");
          scalar(val, indent + 2);
          newline();
        }
      }
    } else if (v instanceof List<?> l) {
      for (Object item : l) {
        pad(indent);
        emit("- ");
        if (item instanceof Map<?, ?> sub && !sub.isEmpty()) {
          node(sub, indent + 2, true);
        } else if (item instanceof List<?> sl && !sl.isEmpty()) {
          // nested list: ruamel writes "- - x"
          node(sl, indent + 2, true);
        } else {
          scalar(item, indent + 2);
          newline();
        }
      }
    } else {
      scalar(v, indent);
      newline();
    }
  }

  private void pad(int indent) {
    if (column == 0) {
      emit(" ".repeat(indent));
    }
  }

  private void newline() {
    out.append('\n');
    column = 0;
  }

  private void emit(String s) {
    out.append(s);
    column += s.length();
  }

  private static String key(String k) {
    return needsQuotes(k) ? singleQuotedInline(k) : k;
  }

  private static String singleQuotedInline(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private void scalar(Object v, int indent) {
    if (v == null) {
      emit("null");
    } else if (v instanceof Boolean b) {
      emit(b ? "true" : "false");
    } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      emit(floatText(((Number) v).doubleValue()));
    } else if (v instanceof Integer || v instanceof Long || v instanceof BigInteger || v instanceof Short) {
      emit(v.toString());
    } else if (v instanceof Map<?, ?> m && m.isEmpty()) {
      emit("{}");
    } else if (v instanceof List<?> l && l.isEmpty()) {
      emit("[]");
    } else {
      string(String.valueOf(v), indent);
    }
  }

  /** ruamel's float representation: Python repr, lower case, {@code .0} before a bare exponent. */
  static String floatText(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    String r = PyRepr.floatRepr(d).toLowerCase(java.util.Locale.ROOT);
    if (r.indexOf('.') < 0 && r.indexOf('e') >= 0) {
      r = r.replaceFirst("e", ".0e");
    }
    return r;
  }

  private void string(String s, int indent) {
    if (hasSpecial(s)) {
      emit(doubleQuoted(s));
    } else if (needsQuotes(s)) {
      singleQuoted(s, indent);
    } else {
      plain(s, indent);
    }
  }

  private void plain(String s, int indent) {
    fold(s, indent);
  }

  private void singleQuoted(String s, int indent) {
    emit("'");
    String body = s.replace("'", "''");
    if (body.indexOf('\n') < 0) {
      fold(body, indent);
    } else {
      String[] lines = body.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          newline();
          newline();
          emit(" ".repeat(indent));
        }
        fold(lines[i], indent);
      }
    }
    emit("'");
  }

  /** Writes text, replacing a single space by a line break once the column passes the width. */
  private void fold(String s, int indent) {
    int i = 0;
    int n = s.length();
    while (i < n) {
      int sp = s.indexOf(' ', i);
      if (sp < 0) {
        emit(s.substring(i));
        return;
      }
      emit(s.substring(i, sp));
      boolean single = (sp + 1 >= n || s.charAt(sp + 1) != ' ') && (sp == 0 || s.charAt(sp - 1) != ' ');
      if (single && column > BEST_WIDTH && sp + 1 < n) {
        newline();
        emit(" ".repeat(indent));
      } else {
        emit(" ");
      }
      i = sp + 1;
    }
  }

  private static String doubleQuoted(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case '\0' -> sb.append("\\0");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfeff) {
            sb.append(String.format("\\x%02X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Characters that force double quotes: non-printable ones (tab excluded from plain too). */
  private static boolean hasSpecial(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfeff) {
        return true;
      }
    }
    return false;
  }

  /** Whether a string cannot be written plain: it would resolve to another type or has indicators. */
  static boolean needsQuotes(String s) {
    if (s.isEmpty() || BOOL.matcher(s).matches() || NULL.matcher(s).matches()
        || INT.matcher(s).matches() || FLOAT.matcher(s).matches()) {
      return true;
    }
    char first = s.charAt(0);
    if ("#,[]{}&*!|>'\"%@`".indexOf(first) >= 0) {
      return true;
    }
    if ((first == '-' || first == '?' || first == ':') && (s.length() == 1 || s.charAt(1) == ' ')) {
      return true;
    }
    if (s.startsWith("---") || s.startsWith("...")) {
      return true;
    }
    if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ' || s.indexOf('\n') >= 0) {
      return true;
    }
    if (s.endsWith(":")) {
      return true;
    }
    return s.contains(": ") || s.contains(" #") || s.contains(":\t") || s.contains("\t#");
  }
}
