package dev.cairn.exp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.cairn.errors.CairnException;
import dev.cairn.format.PyJson;
import dev.cairn.format.StructuredFiles;
import dev.cairn.format.YamlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Applies {@link ParamOverride}s to params files. {@link #apply} computes the new texts without
 * writing anything (a queued experiment stores them in a commit); {@link #write} writes them
 * atomically.
 *
 * <p>How a file is written back: in a YAML file, when every override of that file replaces one
 * existing scalar with another, only those scalars' text changes, so comments, quoting and layout
 * stay as they were. Any other change (added or deleted keys, list or map values) rewrites the file
 * as DVC's ruamel dumper would, without comments. JSON files are rewritten with their indent, TOML
 * files with Jackson's TOML writer.
 */
final class ParamsEditor {
  private static final ObjectMapper TOML = new TomlMapper();

  private ParamsEditor() {}

  /**
   * The new text of every params file the overrides touch, in the order first touched.
   *
   * @param root the directory files are relative to (the repository root)
   * @throws CairnException (invalid input) naming the file and key: a modified or deleted key that
   *     does not exist, an added key that does, a malformed file
   */
  public static Map<String, String> apply(Path root, List<ParamOverride> overrides) throws CairnException {
    Map<String, List<ParamOverride>> byFile = new LinkedHashMap<>();
    for (ParamOverride o : overrides) {
      byFile.computeIfAbsent(o.file(), f -> new ArrayList<>()).add(o);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<ParamOverride>> e : byFile.entrySet()) {
      out.put(e.getKey(), applyToFile(root, e.getKey(), e.getValue()));
    }
    return out;
  }

  /** Writes the texts {@link #apply} computed, each atomically (temp file + rename). */
  public static void write(Path root, Map<String, String> texts) throws IOException {
    for (Map.Entry<String, String> e : texts.entrySet()) {
      AtomicFiles.write(root.resolve(e.getKey()), e.getValue().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String applyToFile(Path root, String file, List<ParamOverride> overrides) throws CairnException {
    Path p = root.resolve(file).normalize();
    if (!p.startsWith(root)) {
      throw CairnException.invalidInput("-S " + overrides.get(0) + ": params file '" + file + "' is outside the repository");
    }
    String text = null;
    Object data;
    try {
      if (Files.exists(p)) {
        text = Files.readString(p, StandardCharsets.UTF_8);
        data = StructuredFiles.parse(text, p.getFileName().toString(), file);
      } else {
        data = null;
      }
    } catch (IOException e) {
      throw CairnException.invalidInput(e.getMessage() + "; fix the file before using -S");
    }
    if (data == null) {
      if (text == null) {
        for (ParamOverride o : overrides) {
          if (o.kind() == ParamOverride.Kind.MODIFY || o.kind() == ParamOverride.Kind.DELETE) {
            throw CairnException.invalidInput("params file '" + file + "' does not exist; use +" + o.key()
                + "=<value> to create it");
          }
        }
      }
      data = new LinkedHashMap<String, Object>();
    }
    if (!(data instanceof Map)) {
      throw CairnException.invalidInput(file + ": expected a mapping at the top level; -S cannot edit it");
    }
    Object tree = mutableCopy(data);
    List<Splice> splices = new ArrayList<>();
    boolean spliceable = text != null && isYaml(file);
    for (ParamOverride o : overrides) {
      Object old = applyOne(tree, file, o);
      spliceable &= o.kind() == ParamOverride.Kind.MODIFY && isScalar(old) && isScalar(o.value());
      if (spliceable) {
        splices.add(new Splice(o.path(), o.value()));
      }
    }
    if (spliceable) {
      String s = YamlSplicer.splice(text, splices);
      if (s != null) {
        return s;
      }
    }
    return render(file, tree, text);
  }

  /** One scalar replacement at a key path. */
  record Splice(List<Object> path, Object value) {}

  /** Applies one override to the tree; returns the previous value at the key (null if none). */
  @SuppressWarnings("unchecked")
  private static Object applyOne(Object tree, String file, ParamOverride o) throws CairnException {
    List<Object> path = o.path();
    Object parent = tree;
    for (int i = 0; i < path.size() - 1; i++) {
      Object part = path.get(i);
      Object child = get(parent, part);
      if (child == null || !(child instanceof Map || child instanceof List)) {
        boolean creates = o.kind() == ParamOverride.Kind.ADD || o.kind() == ParamOverride.Kind.UPSERT;
        if (child == null && !contains(parent, part) && creates && parent instanceof Map) {
          child = new LinkedHashMap<String, Object>();
          ((Map<Object, Object>) parent).put(String.valueOf(part), child);
        } else if (child != null) {
          throw CairnException.invalidInput("-S " + o + ": '" + prefix(path, i + 1) + "' in " + file
              + " is a value, not a mapping or list");
        } else {
          throw unknown(o, file);
        }
      }
      parent = child;
    }
    Object last = path.get(path.size() - 1);
    boolean exists = contains(parent, last);
    Object old = exists ? get(parent, last) : null;
    switch (o.kind()) {
      case MODIFY -> {
        if (!exists) {
          throw unknown(o, file);
        }
        set(parent, last, o.value(), o, file);
      }
      case ADD -> {
        if (exists) {
          throw CairnException.invalidInput("param key '" + o.key() + "' already exists in " + file + "; use "
              + o.key() + "=<value> to modify it or ++" + o.key() + "=<value> to set it either way");
        }
        set(parent, last, o.value(), o, file);
      }
      case UPSERT -> set(parent, last, o.value(), o, file);
      case DELETE -> {
        if (!exists) {
          throw CairnException.invalidInput("unknown param key '" + o.key() + "' in " + file + "; nothing to delete");
        }
        if (o.hasValue() && !Objects.equals(old, o.value())) {
          throw CairnException.invalidInput("-S " + o + ": '" + o.key() + "' in " + file + " is "
              + flowText(old) + ", not " + flowText(o.value()) + "; use ~" + o.key() + " to delete it anyway");
        }
        if (parent instanceof Map<?, ?> m) {
          m.remove(mapKey(m, last));
        } else {
          ((List<Object>) parent).remove((int) (Integer) last);
        }
      }
      default -> throw new IllegalStateException();
    }
    return old;
  }

  private static CairnException unknown(ParamOverride o, String file) {
    return CairnException.invalidInput("unknown param key '" + o.key() + "' in " + file + "; use +" + o.key()
        + "=<value> to add it");
  }

  private static String prefix(List<Object> path, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ".").append(path.get(i));
    }
    return sb.toString();
  }

  /** The key under which a map holds {@code part}: its text, or an int key the file spelled as a number. */
  private static Object mapKey(Map<?, ?> m, Object part) {
    String s = String.valueOf(part);
    if (!m.containsKey(s) && part instanceof Integer && m.containsKey(part)) {
      return part;
    }
    return s;
  }

  private static boolean contains(Object container, Object part) {
    if (container instanceof Map<?, ?> m) {
      return m.containsKey(mapKey(m, part));
    }
    return container instanceof List<?> l && part instanceof Integer i && i >= 0 && i < l.size();
  }

  private static Object get(Object container, Object part) {
    if (container instanceof Map<?, ?> m) {
      return m.get(mapKey(m, part));
    }
    if (container instanceof List<?> l && part instanceof Integer i && i >= 0 && i < l.size()) {
      return l.get(i);
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static void set(Object container, Object part, Object value, ParamOverride o, String file)
      throws CairnException {
    if (container instanceof Map<?, ?> m) {
      ((Map<Object, Object>) m).put(mapKey(m, part), mutableCopy(value));
      return;
    }
    List<Object> l = (List<Object>) container;
    if (!(part instanceof Integer i)) {
      throw CairnException.invalidInput("-S " + o + ": '" + part + "' indexes a list in " + file + "; use a number");
    }
    if (i >= 0 && i < l.size()) {
      l.set(i, mutableCopy(value));
    } else if (i == l.size() && o.kind() != ParamOverride.Kind.MODIFY) {
      l.add(mutableCopy(value));
    } else {
      throw unknown(o, file);
    }
  }

  private static boolean isScalar(Object v) {
    return !(v instanceof Map) && !(v instanceof List);
  }

  private static boolean isYaml(String file) {
    String f = file.toLowerCase(Locale.ROOT);
    return !f.endsWith(".json") && !f.endsWith(".toml");
  }

  private static Object mutableCopy(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> c = new LinkedHashMap<>();
      m.forEach((k, x) -> c.put(k, mutableCopy(x)));
      return c;
    }
    if (v instanceof List<?> l) {
      List<Object> c = new ArrayList<>();
      l.forEach(x -> c.add(mutableCopy(x)));
      return c;
    }
    return v;
  }

  private static String render(String file, Object tree, String oldText) throws CairnException {
    String f = file.toLowerCase(Locale.ROOT);
    if (f.endsWith(".json")) {
      int indent = jsonIndent(oldText);
      String s = PyJson.dumps(tree, false, indent);
      return oldText == null || oldText.endsWith("\n") ? s + "\n" : s;
    }
    if (f.endsWith(".toml")) {
      try {
        return TOML.writeValueAsString(tree);
      } catch (IOException e) {
        throw CairnException.invalidInput(file + ": cannot write the new values as TOML: " + e.getMessage());
      }
    }
    return YamlWriter.write(tree);
  }

  /** The indent of the first indented line of a JSON text; compact (-1) for a one-line file, 4 for a new one. */
  static int jsonIndent(String text) {
    if (text == null) {
      return 4;
    }
    for (String line : text.split("\n")) {
      int n = 0;
      while (n < line.length() && line.charAt(n) == ' ') {
        n++;
      }
      if (n > 0 && n < line.length()) {
        return n;
      }
    }
    return text.strip().contains("\n") ? 0 : -1;
  }

  /** A value as one line of YAML flow text (for messages and the queue's record of overrides). */
  static String flowText(Object v) {
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      m.forEach((k, x) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(": ").append(flowText(x)));
      return sb.append('}').toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      l.forEach(x -> sb.append(sb.length() > 1 ? ", " : "").append(flowText(x)));
      return sb.append(']').toString();
    }
    return YamlSplicer.scalarText(v);
  }
}
