package dev.cairn.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One DVC config file in configobj INI syntax (dvc-format.md §3.5): {@code [section]} headers,
 * {@code ['remote "name"']} for named sections, {@code key = value} lines, single/double/triple
 * quotes, unquoted {@code #} comments and unquoted comma lists. Section names and keys are
 * lower-cased on read, as DVC does. Written back the way DVC's configobj writes it: four-space
 * indented keys, values quoted only when needed.
 */
public final class ConfigFile {
  private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

  /** Thrown for a syntax error; the message names the file and line. */
  public static final class SyntaxException extends IOException {
    /** {@code message} names the file, line and problem; the next step is appended. */
    public SyntaxException(String message) {
      super(message + "; fix it in the file by hand and run again");
    }
  }

  /** Reads a file; a missing file is empty. */
  public static ConfigFile read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return new ConfigFile();
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses configobj text; {@code label} names the source in errors. */
  public static ConfigFile parse(String text, String label) throws SyntaxException {
    ConfigFile cf = new ConfigFile();
    String section = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i];
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        int depth = 0;
        while (depth < line.length() && line.charAt(depth) == '[') {
          depth++;
        }
        int close = line.indexOf(']');
        if (close < 0) {
          throw new SyntaxException(label + ":" + (i + 1) + ": invalid section header '" + line + "'");
        }
        String name = unquote(line.substring(depth, close).strip(), label, i + 1);
        section = normaliseSection(name);
        cf.sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new SyntaxException(label + ":" + (i + 1) + ": expected 'key = value', found '" + line + "'");
      }
      if (section == null) {
        throw new SyntaxException(label + ":" + (i + 1) + ": key '" + line.substring(0, eq).strip()
            + "' is outside any [section]");
      }
      String key = unquote(line.substring(0, eq).strip(), label, i + 1).toLowerCase(Locale.ROOT);
      String rest = line.substring(eq + 1).strip();
      String value;
      if (rest.startsWith("'''") || rest.startsWith("\"\"\"")) {
        String q = rest.substring(0, 3);
        StringBuilder sb = new StringBuilder();
        String body = rest.substring(3);
        int end = body.indexOf(q);
        while (end < 0) {
          sb.append(body).append('\n');
          i++;
          if (i >= lines.length) {
            throw new SyntaxException(label + ": unterminated triple-quoted value for '" + key + "'");
          }
          body = lines[i];
          end = body.indexOf(q);
        }
        sb.append(body, 0, end);
        value = sb.toString();
      } else {
        value = parseValue(rest, label, i + 1);
      }
      cf.sections.get(section).put(key, value);
    }
    return cf;
  }

  /** {@code remote "Name"} → {@code remote "name"}; plain names lower-cased. */
  static String normaliseSection(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }

  /** Parses a value: quoted string, or unquoted up to a {@code #}; unquoted commas make a list (joined with ","). */
  static String parseValue(String rest, String label, int lineNo) throws SyntaxException {
    List<String> items = new ArrayList<>();
    int i = 0;
    int n = rest.length();
    boolean list = false;
    while (i < n) {
      char c = rest.charAt(i);
      if (c == '"' || c == '\'') {
        int end = rest.indexOf(c, i + 1);
        if (end < 0) {
          throw new SyntaxException(label + ":" + lineNo + ": unterminated quote in '" + rest + "'");
        }
        items.add(rest.substring(i + 1, end));
        i = end + 1;
      } else {
        int j = i;
        while (j < n && rest.charAt(j) != ',' && rest.charAt(j) != '#') {
          j++;
        }
        String item = rest.substring(i, j).strip();
        if (!item.isEmpty() || (j < n && rest.charAt(j) == ',')) {
          items.add(item);
        }
        i = j;
      }
      while (i < n && rest.charAt(i) == ' ') {
        i++;
      }
      if (i < n && rest.charAt(i) == '#') {
        break;
      }
      if (i < n && rest.charAt(i) == ',') {
        list = true;
        i++;
        while (i < n && rest.charAt(i) == ' ') {
          i++;
        }
      } else if (i < n) {
        throw new SyntaxException(label + ":" + lineNo + ": cannot parse value '" + rest + "'");
      }
    }
    if (!list) {
      return items.isEmpty() ? "" : items.get(0);
    }
    items.removeIf(String::isEmpty);
    return String.join(",", items);
  }

  private static String unquote(String s, String label, int lineNo) throws SyntaxException {
    if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')) {
      if (s.charAt(s.length() - 1) != s.charAt(0)) {
        throw new SyntaxException(label + ":" + lineNo + ": unbalanced quotes in '" + s + "'");
      }
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  /** Sections in file order; each maps lower-case keys to values. Live view. */
  public Map<String, Map<String, String>> sections() {
    return sections;
  }

  public String get(String section, String key) {
    Map<String, String> s = sections.get(section);
    return s == null ? null : s.get(key);
  }

  public void set(String section, String key, String value) {
    sections.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key, value);
  }

  /** Removes a key; returns whether it was there. Empty sections are dropped. */
  public boolean unset(String section, String key) {
    Map<String, String> s = sections.get(section);
    if (s == null || s.remove(key) == null) {
      return false;
    }
    if (s.isEmpty()) {
      sections.remove(section);
    }
    return true;
  }

  /** The configobj text DVC would write. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
      sb.append('[').append(quoteName(s.getKey())).append("]\n");
      for (Map.Entry<String, String> kv : s.getValue().entrySet()) {
        sb.append("    ").append(quoteKey(kv.getKey())).append(" = ").append(quote(kv.getValue())).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * A section name as written between brackets: quoted in single quotes (DVC's {@code ['remote
   * "x"']}) when it holds a double quote or would otherwise not read back the same.
   */
  static String quoteName(String name) {
    if (name.indexOf(']') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("the section name '" + name + "' cannot be written to a config file");
    }
    boolean needs = name.isEmpty() || name.indexOf('"') >= 0 || name.charAt(0) == '\'' || name.charAt(0) == '['
        || !name.strip().equals(name);
    return needs ? "'" + name + "'" : name;
  }

  /** A key as written: bare, or quoted when it starts with a quote, '[' or '#' or has edge spaces. */
  static String quoteKey(String key) {
    if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("the key '" + key + "' cannot be written to a config file");
    }
    char c = key.charAt(0);
    boolean needs = c == '\'' || c == '"' || c == '[' || c == '#' || !key.strip().equals(key);
    if (!needs) {
      return key;
    }
    return key.indexOf('"') < 0 ? "\"" + key + "\"" : "'" + key + "'";
  }

  /** configobj's quoting: none unless the value is empty, has a comma, a '#', quotes or edge spaces. */
  static String quote(String v) {
    if (v.isEmpty()) {
      return "\"\"";
    }
    if (v.indexOf('\n') >= 0 || (v.indexOf('"') >= 0 && v.indexOf('\'') >= 0)) {
      return tripleQuote(v);
    }
    boolean needs = v.indexOf(',') >= 0 || v.indexOf('#') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\'') >= 0
        || !v.strip().equals(v);
    if (!needs) {
      return v;
    }
    return v.indexOf('"') < 0 ? "\"" + v + "\"" : "'" + v + "'";
  }

  /**
   * configobj's triple quotes, for a value with a newline or with both quote characters: the kind
   * that neither occurs in the value nor touches its end (where it would close the quote early).
   */
  static String tripleQuote(String v) {
    if (v.contains("\r\n")) {
      // lines are split at "\r?\n" on reading (configobj splits at any line break): the CR would be lost
      throw new IllegalArgumentException("the value '" + v + "' cannot be written to a config file: a carriage"
          + " return before a line break would be read back as part of the line break");
    }
    for (String q : new String[] {"'''", "\"\"\""}) {
      if (v.indexOf(q) < 0 && !v.endsWith(q.substring(0, 1))) {
        return q + v + q;
      }
    }
    // no quoting can hold it; bare is still read back the same if nothing in it ends or splits a bare value
    if (v.indexOf('\n') < 0 && v.indexOf('\r') < 0 && v.indexOf(',') < 0 && v.indexOf('#') < 0
        && v.strip().equals(v) && v.charAt(0) != '"' && v.charAt(0) != '\'') {
      return v;
    }
    throw new IllegalArgumentException("the value '" + v + "' cannot be written to a config file: it holds both"
        + " kinds of triple quotes (configobj cannot quote it either)");
  }

  /** Writes atomically (temp file, rename); deletes the file if there is nothing left in it. */
  public void write(Path file) throws IOException {
    if (sections.isEmpty() && !Files.exists(file)) {
      return;
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, toText(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
