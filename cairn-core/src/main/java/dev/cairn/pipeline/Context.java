package dev.cairn.pipeline;

import dev.cairn.format.StructuredFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  private final FileSource files;

  Context(FileSource files) {
    this(new LinkedHashMap<>(), new HashMap<>(), new HashMap<>(), files);
  }

  private Context(Map<String, Object> data, Map<String, String> origin, Map<Path, List<String>> imports,
      FileSource files) {
    this.data = data;
    this.origin = origin;
    this.imports = imports;
    this.files = files;
  }

  Context copy() {
    return new Context(new LinkedHashMap<>(data), new HashMap<>(origin), new HashMap<>(imports), files);
  }

  boolean containsKey(String key) {
    return data.containsKey(key);
  }

  Map<String, Object> data() {
    return data;
  }

  /**
   * Merges {@code values} as DVC does: nested mappings are merged key by key; a value defined twice
   * (at any depth) is an error naming its dotted path and both sources. Nothing is overwritten.
   */
  void merge(Map<String, Object> values, String source) throws TemplateError {
    check(data, values, "", source);
    mergeInto(data, values, "", source);
  }

  private void check(Map<String, Object> into, Map<String, Object> update, String prefix, String source)
      throws TemplateError {
    for (Map.Entry<String, Object> e : update.entrySet()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      Object existing = into.get(e.getKey());
      if (existing instanceof Map<?, ?> em && e.getValue() instanceof Map<?, ?> um) {
        check(asMap(em), asMap(um), path, source);
      } else if (into.containsKey(e.getKey())) {
        throw new TemplateError("cannot redefine '" + path + "' from '" + source + "' as it already exists in '"
            + originOf(path) + "'");
      }
    }
  }

  private void mergeInto(Map<String, Object> into, Map<String, Object> update, String prefix, String source) {
    for (Map.Entry<String, Object> e : update.entrySet()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      Object existing = into.get(e.getKey());
      if (existing instanceof Map<?, ?> em && e.getValue() instanceof Map<?, ?> um) {
        Map<String, Object> copy = new LinkedHashMap<>(asMap(em));
        into.put(e.getKey(), copy);
        mergeInto(copy, asMap(um), path, source);
      } else {
        into.put(e.getKey(), e.getValue());
        origin.put(path, source);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private String originOf(String path) {
    String p = path;
    while (true) {
      String o = origin.get(p);
      if (o != null) {
        return o;
      }
      int dot = p.lastIndexOf('.');
      if (dot < 0) {
        return "context";
      }
      p = p.substring(0, dot);
    }
  }

  /**
   * Sets {@code item}/{@code key} for a foreach/matrix stage. As in DVC, a value of the same name from
   * params or vars is shadowed for the generated stages; stage-level vars cannot redefine it.
   */
  void putReserved(String key, Object value) throws TemplateError {
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
    int colon = item.indexOf(':');
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
    byte[] bytes;
    try {
      bytes = files.read(path);
    } catch (IOException e) {
      throw new TemplateError("cannot read vars file '" + file + "': " + e.getMessage());
    }
    if (bytes == null) {
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
      // labelled as dvc.yaml names it (relative to its directory), not by an absolute path
      values = StructuredFiles.parseMap(new String(bytes, StandardCharsets.UTF_8), path.getFileName().toString(),
          file);
    } catch (IOException e) {
      throw new TemplateError(e.getMessage());
    }
    Map<String, Object> selected = values;
    if (keys != null) {
      selected = new LinkedHashMap<>();
      for (String k : keys) {
        if (!values.containsKey(k)) {
          throw new TemplateError("could not find '" + k + "' in '" + file + "'");
        }
        selected.put(k, values.get(k));
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
