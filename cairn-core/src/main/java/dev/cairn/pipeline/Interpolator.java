package dev.cairn.pipeline;

import dev.cairn.format.PyRepr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DVC's {@code ${...}} interpolation: a string that is exactly one reference keeps the native value;
 * otherwise values are formatted with Python {@code str()} (booleans as {@code true}/{@code false}),
 * a dict inside {@code cmd} becomes {@code --key value} arguments, and {@code \${} is a literal.
 */
final class Interpolator {
  private static final Pattern REF = Pattern.compile("(?<!\\\\)\\$\\{(.*?)}");
  private static final Pattern SHELL_SAFE = Pattern.compile("[\\w@%+=:,./-]+");

  private Interpolator() {}

  /** Resolves every string (values and map keys) inside {@code value}; {@code field} is the stage key. */
  static Object resolve(Object value, Context ctx, String field, ParsingOptions opts) throws TemplateError {
    if (value instanceof String s) {
      return resolveString(s, ctx, field, opts);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object k = resolve(String.valueOf(e.getKey()), ctx, field, opts);
        out.put(k instanceof String ks ? ks : toStr(k, opts), resolve(e.getValue(), ctx, field, opts));
      }
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(resolve(o, ctx, field, opts));
      }
      return out;
    }
    return value;
  }

  static boolean hasReference(Object value) {
    if (value instanceof String s) {
      return REF.matcher(s).find();
    }
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (hasReference(String.valueOf(e.getKey())) || hasReference(e.getValue())) {
          return true;
        }
      }
    } else if (value instanceof List<?> l) {
      for (Object o : l) {
        if (hasReference(o)) {
          return true;
        }
      }
    }
    return false;
  }

  static Object resolveString(String s, Context ctx, String field, ParsingOptions opts) throws TemplateError {
    Matcher m = REF.matcher(s);
    List<int[]> spans = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
      exprs.add(m.group(1));
    }
    if (spans.size() == 1 && spans.get(0)[0] == 0 && spans.get(0)[1] == s.length()) {
      Object v = ctx.select(exprs.get(0));
      validate(v, field);
      if (v instanceof Map<?, ?> && "cmd".equals(field)) {
        return toStr(v, opts);
      }
      return v;
    }
    StringBuilder buf = new StringBuilder();
    int index = 0;
    for (int i = 0; i < spans.size(); i++) {
      Object v = ctx.select(exprs.get(i));
      validate(v, field);
      buf.append(s, index, spans.get(i)[0]).append(toStr(v, opts));
      index = spans.get(i)[1];
    }
    buf.append(s.substring(index));
    return buf.toString().replace("\\${", "${");
  }

  private static void validate(Object v, String field) throws TemplateError {
    boolean composite = v instanceof Map || v instanceof List;
    boolean iterField = "foreach".equals(field) || "matrix".equals(field);
    if (composite && !iterField && !(v instanceof Map && "cmd".equals(field))) {
      throw new TemplateError("cannot interpolate data of type '" + (v instanceof Map ? "dict" : "list") + "'");
    }
  }

  /** Python-style {@code str()} used for names and inside strings. */
  static String toStr(Object v, ParsingOptions opts) throws TemplateError {
    if (v instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder();
      Map<String, Object> flat = new LinkedHashMap<>();
      flatten("", m, flat);
      for (Map.Entry<String, Object> e : flat.entrySet()) {
        String k = e.getKey();
        Object val = e.getValue();
        if (val instanceof Boolean b) {
          if (b) {
            sb.append("--").append(k).append(' ');
          } else if (opts.booleanOptional()) {
            sb.append("--no-").append(k).append(' ');
          }
        } else if (val instanceof String str) {
          sb.append("--").append(k).append(' ').append(shellQuote(str)).append(' ');
        } else if (val instanceof List<?> l) {
          int n = 0;
          for (Object item : l) {
            String text;
            if (item instanceof String is) {
              text = shellQuote(is);
            } else if (item instanceof List || item instanceof Map) {
              throw new TemplateError("cannot interpolate nested iterable in '" + k + "'");
            } else {
              text = PyRepr.str(item);
            }
            if (opts.listAppend() || n == 0) {
              sb.append("--").append(k).append(' ').append(text).append(' ');
            } else {
              sb.append(text).append(' ');
            }
            n++;
          }
        } else {
          sb.append("--").append(k).append(' ').append(PyRepr.str(val)).append(' ');
        }
      }
      return sb.toString().stripTrailing();
    }
    return PyRepr.str(v);
  }

  private static void flatten(String prefix, Map<?, ?> m, Map<String, Object> out) {
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
      if (e.getValue() instanceof Map<?, ?> sub && !sub.isEmpty()) {
        flatten(k, sub, out);
      } else {
        out.put(k, e.getValue());
      }
    }
  }

  /** Python's {@code shlex.quote}. */
  static String shellQuote(String s) {
    if (s.isEmpty()) {
      return "''";
    }
    if (SHELL_SAFE.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }
}
