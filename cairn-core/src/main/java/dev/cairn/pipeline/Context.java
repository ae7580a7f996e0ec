package dev.cairn.pipeline;

import dev.cairn.lib.StructuredFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The templating context of DVC's resolver: params.yaml, then {@code vars} entries, merged without
 * overwriting (a top-level key defined twice is an error), with the partial/full import bookkeeping.
 */
final class Context {
  private final Map<String, Object> data;
  private final Map<String, String> origin;
  /** Imported files: null value = fully loaded, else the keys loaded. */
  private final Map<Path, List<String>> imports;

  Context() {
    this(new LinkedHashMap<>(), new HashMap<>(), new HashMap<>());
  }

  private Context(Map<String, Object> data, Map<String, String> origin, Map<Path, List<String>> imports) {
    this.data = data;
    this.origin = origin;
    this.imports = imports;
  }

  Context copy() {
    return new Context(new LinkedHashMap<>(data), new HashMap<>(origin), new HashMap<>(imports));
  }

  boolean containsKey(String key) {
    return data.containsKey(key);
  }

  Map<String, Object> data() {
    return data;
  }

  /** Merges {@code values}; a top-level key already present is an error naming both sources. */
  void merge(Map<String, Object> values, String source) throws TemplateError {
    for (String k : values.keySet()) {
      if (data.containsKey(k)) {
        throw new TemplateError("cannot redefine '" + k + "' from '" + source + "' as it already exists in '"
            + origin.get(k) + "'");
      }
    }
    for (Map.Entry<String, Object> e : values.entrySet()) {
      data.put(e.getKey(), e.getValue());
      origin.put(e.getKey(), source);
    }
  }

  /** Sets a value that must not already exist ({@code item}, {@code key} during foreach/matrix). */
  void putReserved(String key, Object value) throws TemplateError {
    if (data.containsKey(key)) {
      throw new TemplateError("attempted to redefine reserved key '" + key + "' (already defined in '"
          + origin.get(key) + "')");
    }
    data.put(key, value);
    origin.put(key, "foreach/matrix");
  }

  /**
   * Loads a vars entry {@code file} or {@code file:k1,k2} relative to {@code dir}. Loading a file
   * fully twice is a no-op; mixing a partial and a full load is an error.
   *
   * @param required whether a missing file is an error (false only for the implicit params.yaml)
   */
  void loadVars(Path dir, String item, boolean required) throws TemplateError {
    String file = item;
    List<String> keys = null;
    int colon = item.lastIndexOf(':');
    if (colon > 0) {
      file = item.substring(0, colon);
      keys = new ArrayList<>();
      for (String k : item.substring(colon + 1).split(",")) {
        if (!k.isBlank()) {
          keys.add(k.strip());
        }
      }
    }
    Path path = dir.resolve(file).normalize();
    if (!Files.exists(path)) {
      if (!required) {
        return;
      }
      throw new TemplateError("vars file '" + file + "' does not exist");
    }
    if (imports.containsKey(path)) {
      List<String> loaded = imports.get(path);
      if (keys == null && loaded != null) {
        throw new TemplateError("cannot load '" + item + "' as it's partially loaded already");
      }
      if (keys != null && loaded == null) {
        throw new TemplateError("cannot partially load '" + item + "' as it's already loaded");
      }
      if (keys == null) {
        return;
      }
      for (String k : keys) {
        if (loaded.contains(k)) {
          throw new TemplateError("cannot load '" + item + "' as it's partially loaded already");
        }
      }
    }
    Map<String, Object> values;
    try {
      values = StructuredFiles.loadMap(path);
    } catch (NoSuchFileException e) {
      throw new TemplateError("vars file '" + file + "' does not exist");
    } catch (IOException e) {
      throw new TemplateError(e.getMessage());
    }
    Map<String, Object> selected = values;
    if (keys != null) {
      selected = new LinkedHashMap<>();
      for (String k : keys) {
        selected.put(k, select(values, k, "${" + k + "}", file));
      }
      List<String> loaded = imports.get(path) == null ? new ArrayList<>() : new ArrayList<>(imports.get(path));
      loaded.addAll(keys);
      imports.put(path, loaded);
    } else {
      imports.put(path, null);
    }
    merge(selected, file);
  }

  /** Looks up a dotted/indexed expression ({@code a.b[0].c}). */
  Object select(String expr) throws TemplateError {
    return select(data, expr, "${" + expr + "}", "context");
  }

  static List<String> parseExpression(String expr, String shown) throws TemplateError {
    List<String> parts = new ArrayList<>();
    String s = expr.strip();
    int i = 0;
    int n = s.length();
    StringBuilder cur = new StringBuilder();
    boolean expectName = true;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '.') {
        if (cur.length() == 0) {
          throw new TemplateError("failed to parse '" + shown + "'");
        }
        parts.add(cur.toString());
        cur.setLength(0);
        expectName = true;
        i++;
      } else if (c == '[') {
        if (cur.length() > 0) {
          parts.add(cur.toString());
          cur.setLength(0);
        } else if (parts.isEmpty()) {
          throw new TemplateError("failed to parse '" + shown + "'");
        }
        int close = s.indexOf(']', i);
        if (close < 0 || close == i + 1) {
          throw new TemplateError("failed to parse '" + shown + "'");
        }
        parts.add(s.substring(i + 1, close).strip());
        i = close + 1;
        expectName = false;
        if (i < n && s.charAt(i) != '.' && s.charAt(i) != '[') {
          throw new TemplateError("failed to parse '" + shown + "'");
        }
        if (i < n && s.charAt(i) == '.') {
          i++;
          expectName = true;
        }
      } else if (Character.isWhitespace(c) || c == '$' || c == '{' || c == '}' || c == ']') {
        throw new TemplateError("failed to parse '" + shown + "'");
      } else {
        cur.append(c);
        i++;
      }
    }
    if (cur.length() > 0) {
      parts.add(cur.toString());
    } else if (expectName) {
      throw new TemplateError("failed to parse '" + shown + "'");
    }
    return parts;
  }

  private static Object select(Map<String, Object> root, String expr, String shown, String rootName)
      throws TemplateError {
    List<String> parts = parseExpression(expr, shown);
    Object cur = root;
    String where = rootName;
    StringBuilder walked = new StringBuilder();
    for (String p : parts) {
      if (cur instanceof Map<?, ?> m) {
        if (!m.containsKey(p)) {
          throw new TemplateError("cannot resolve '" + shown + "': key '" + p + "' not found in " + where);
        }
        cur = m.get(p);
      } else if (cur instanceof List<?> l) {
        int idx;
        try {
          idx = Integer.parseInt(p);
        } catch (NumberFormatException e) {
          throw new TemplateError("cannot resolve '" + shown + "': '" + where + "' is a list, not indexable by '"
              + p + "'");
        }
        if (idx < 0) {
          idx += l.size();
        }
        if (idx < 0 || idx >= l.size()) {
          throw new TemplateError("cannot resolve '" + shown + "': index " + p + " out of range in " + where);
        }
        cur = l.get(idx);
      } else {
        throw new TemplateError("cannot resolve '" + shown + "': '" + where + "' is not a dict or list");
      }
      if (walked.length() > 0 && !p.chars().allMatch(Character::isDigit)) {
        walked.append('.');
      }
      walked.append(p.chars().allMatch(Character::isDigit) && walked.length() > 0 ? "[" + p + "]" : p);
      where = walked.toString();
    }
    return cur;
  }
}
