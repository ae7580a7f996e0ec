package dev.cairn.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes YAML the way DVC's ruamel dumper does for {@code dvc.lock}, {@code .dvc} files and
 * {@code dvc.yaml}: block style, 2-space indent, sequence dashes not indented under their key
 * ({@code deps:\n- path: x}), strings plain unless they would read back as another type (YAML 1.2
 * core schema plus timestamps, {@code =} and {@code <<}, as ruamel resolves) or contain indicators;
 * then single-quoted, or double-quoted when they contain {@code '}, a newline or a non-printable
 * character. Floats as Python repr ({@code 1e-05}); null below the top level as an empty value.
 * Plain and quoted scalars fold at a space once the line passes column 80 (double-quoted ones with
 * {@code \} continuations), {@code \n} line ends. Verified against ruamel.yaml 0.17.
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
          + "|[-+]?\\.[0-9_]+([eE][-+][0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  private static final Pattern TIMESTAMP = Pattern.compile(
      "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
          + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\\.[0-9]*)?"
          + "([ \\t]*(Z|[-+][0-9][0-9]?(:[0-9][0-9])?))?");

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
    if (k.isEmpty()) {
      return "''";
    }
    if (hasSpecial(k) || k.indexOf('\n') >= 0 || k.indexOf('\'') >= 0 && needsQuotes(k)) {
      YamlWriter w = new YamlWriter();
      w.doubleQuoted(k, 0, false);
      return w.out.toString();
    }
    return needsQuotes(k) ? "'" + k + "'" : k;
  }

  private void scalar(Object v, int indent) {
    if (v == null) {
      // ruamel's round-trip representer writes None as an empty scalar below the top level
      if (out.length() > 0 && out.charAt(out.length() - 1) == ' ' && out.length() > 1
          && out.charAt(out.length() - 2) == ':') {
        out.setLength(out.length() - 1);
        column--;
      }
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

  /** ruamel's float representation (YAML 1.2): Python repr, lower case ({@code 1e-05}, {@code 1e+16}). */
  static String floatText(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    return PyRepr.floatRepr(d).toLowerCase(java.util.Locale.ROOT);
  }

  /** ruamel's scalar style choice: plain, else double quotes if it has {@code '} or a newline, else single. */
  private void string(String s, int indent) {
    if (hasSpecial(s)) {
      doubleQuoted(s, indent, true);
    } else if (!needsQuotes(s)) {
      fold(s, indent);
    } else if (s.indexOf('\'') >= 0 || s.indexOf('\n') >= 0 || breakSpace(s)) {
      doubleQuoted(s, indent, true);
    } else {
      emit("'");
      // other line breaks (NEL, U+2028/9) are written as themselves, then the indent
      int i = 0;
      while (i < s.length()) {
        int j = i;
        while (j < s.length() && !isBreak(s.charAt(j))) {
          j++;
        }
        fold(s.substring(i, j), indent);
        if (j < s.length()) {
          int k = j;
          while (k < s.length() && isBreak(s.charAt(k))) {
            k++;
          }
          out.append(s, j, k).append(" ".repeat(indent));
          column = indent;
          j = k;
        }
        i = j;
      }
      emit("'");
    }
  }

  /** A space next to a line break forbids single quotes in ruamel. */
  private static boolean breakSpace(String s) {
    for (int i = 1; i < s.length(); i++) {
      char a = s.charAt(i - 1);
      char b = s.charAt(i);
      if (a == ' ' && isBreak(b) || isBreak(a) && b == ' ') {
        return true;
      }
    }
    return false;
  }

  private static boolean isBreak(char c) {
    return c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029';
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
      if (single && column > BEST_WIDTH && sp + 1 < n && sp > 0) {
        newline();
        emit(" ".repeat(indent));
      } else {
        emit(" ");
      }
      i = sp + 1;
    }
  }

  private static boolean printableInDoubleQuotes(int cp) {
    return cp >= 0x20 && cp <= 0x7e || cp >= 0xa0 && cp <= 0xd7ff || cp >= 0xe000 && cp <= 0xfffd;
  }

  private static String escape(int cp) {
    switch (cp) {
      case 0: return "\\0";
      case 0x07: return "\\a";
      case 0x08: return "\\b";
      case 0x09: return "\\t";
      case 0x0a: return "\\n";
      case 0x0b: return "\\v";
      case 0x0c: return "\\f";
      case 0x0d: return "\\r";
      case 0x1b: return "\\e";
      case '"': return "\\\"";
      case '\\': return "\\\\";
      case 0x85: return "\\N";
      case 0xa0: return "\\_";
      case 0x2028: return "\\L";
      case 0x2029: return "\\P";
      default:
        if (cp <= 0xff) {
          return String.format("\\x%02X", cp);
        }
        return cp <= 0xffff ? String.format("\\u%04X", cp) : String.format("\\U%08X", cp);
    }
  }

  /** ruamel's double-quoted writer: escapes, and folding with {@code \\} continuations past the width. */
  private void doubleQuoted(String text, int indent, boolean split) {
    emit("\"");
    int[] cps = text.codePoints().toArray();
    int n = cps.length;
    int start = 0;
    int end = 0;
    while (end <= n) {
      int ch = end < n ? cps[end] : -1;
      if (ch == -1 || ch == '"' || ch == '\\' || ch == 0x85 || ch == 0x2028 || ch == 0x2029 || ch == 0xfeff
          || !printableInDoubleQuotes(ch)) {
        if (start < end) {
          emit(new String(cps, start, end - start));
          start = end;
        }
        if (ch != -1) {
          emit(escape(ch));
          start = end + 1;
        }
      }
      if (0 < end && end < n - 1 && (ch == ' ' || start >= end) && column + (end - start) > BEST_WIDTH && split) {
        String data = (start < end ? new String(cps, start, end - start) : "") + "\\";
        if (start < end) {
          start = end;
        }
        emit(data);
        newline();
        emit(" ".repeat(indent));
        if (cps[start] == ' ') {
          emit("\\");
        }
      }
      end++;
    }
    emit("\"");
  }

  /** Characters ruamel cannot write plain or single-quoted (non-printable), forcing double quotes. */
  private static boolean hasSpecial(String s) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n' || c >= 0x20 && c <= 0x7e) {
        continue;
      }
      boolean printable = c == 0x85 || c >= 0xa0 && c <= 0xd7ff || c >= 0xe000 && c <= 0xfffd || c >= 0x10000;
      if (!printable || c == 0xfeff) {
        return true;
      }
    }
    return false;
  }

  /** Whether a string cannot be written plain: it would resolve to another type or has indicators. */
  static boolean needsQuotes(String s) {
    if (s.isEmpty()) {
      return true;
    }
    // ruamel's resolvers are chosen by the first character, as below
    char first = s.charAt(0);
    boolean digitStart = first >= '0' && first <= '9';
    if ("tTfF".indexOf(first) >= 0 && BOOL.matcher(s).matches()
        || "~nN".indexOf(first) >= 0 && NULL.matcher(s).matches()
        || (digitStart || first == '-' || first == '+') && INT.matcher(s).matches()
        || (digitStart || first == '-' || first == '+' || first == '.') && FLOAT.matcher(s).matches()
        || digitStart && TIMESTAMP.matcher(s).matches()
        || s.equals("<<") || s.equals("=")) {
      return true;
    }
    if ("#,[]{}&*!|>'\"%@`".indexOf(first) >= 0) {
      return true;
    }
    if ((first == '-' || first == '?' || first == ':') && (s.length() == 1 || s.charAt(1) == ' ')) {
      return true;
    }
    if (s.startsWith("---") || s.startsWith("...")) {
      return true;
    }
    if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ' || s.chars().anyMatch(c -> isBreak((char) c))) {
      return true;
    }
    if (s.endsWith(":")) {
      return true;
    }
    return s.contains(": ") || s.contains(" #") || s.contains(":\t") || s.contains("\t#");
  }
}
