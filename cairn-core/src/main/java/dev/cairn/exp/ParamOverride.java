package dev.cairn.exp;

import dev.cairn.format.StructuredFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code -S/--set-param} override in DVC's (Hydra's) syntax:
 *
 * <ul>
 *   <li>{@code key=v} modifies an existing key;
 *   <li>{@code +key=v} adds a key that must not exist;
 *   <li>{@code ++key=v} sets a key whether it exists or not;
 *   <li>{@code ~key} (or {@code ~key=v}, deleting only when the value is v) deletes a key;
 *   <li>{@code file.yaml:key=v} selects the params file ({@code params.yaml} by default).
 * </ul>
 *
 * <p>Keys are dotted paths; a list item is addressed by its index ({@code layers.0} or {@code
 * layers[0]}). The value is read as YAML flow text: {@code 10} is an int, {@code 1e-3} a float,
 * {@code [1,10]} a list, {@code {a: 1}} a map, {@code null} null, an empty value the empty string.
 *
 * @param file the params file, relative to the repository root
 * @param kind what to do
 * @param key the key path as typed (for messages)
 * @param path the key path split into map keys ({@code String}) and list indexes ({@code Integer})
 * @param value the parsed value (null for a delete without a value)
 * @param hasValue whether a value was given
 */
record ParamOverride(String file, Kind kind, String key, List<Object> path, Object value, boolean hasValue) {
  /** The default params file. */
  public static final String DEFAULT_FILE = "params.yaml";

  /** The override forms. */
  public enum Kind {
    /** {@code key=v}. */
    MODIFY(""),
    /** {@code +key=v}. */
    ADD("+"),
    /** {@code ++key=v}. */
    UPSERT("++"),
    /** {@code ~key}. */
    DELETE("~");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  public ParamOverride {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(kind, "kind");
    path = List.copyOf(path);
  }

  /**
   * Parses one override.
   *
   * @throws IllegalArgumentException with a one-line message when the text is not an override
   */
  public static ParamOverride parse(String text) {
    Objects.requireNonNull(text, "text");
    int eq = text.indexOf('=');
    String head = eq < 0 ? text : text.substring(0, eq);
    String file = DEFAULT_FILE;
    int colon = head.lastIndexOf(':');
    if (colon >= 0) {
      file = head.substring(0, colon);
      head = head.substring(colon + 1);
      if (file.isEmpty()) {
        throw new IllegalArgumentException("bad -S '" + text + "': empty file name before ':'");
      }
    }
    Kind kind;
    if (head.startsWith("++")) {
      kind = Kind.UPSERT;
      head = head.substring(2);
    } else if (head.startsWith("+")) {
      kind = Kind.ADD;
      head = head.substring(1);
    } else if (head.startsWith("~")) {
      kind = Kind.DELETE;
      head = head.substring(1);
    } else {
      kind = Kind.MODIFY;
    }
    if (eq < 0 && kind != Kind.DELETE) {
      throw new IllegalArgumentException("bad -S '" + text + "': expected key=value (or ~key to delete)");
    }
    List<Object> path = splitKey(head, text);
    Object value = null;
    if (eq >= 0) {
      value = parseValue(text.substring(eq + 1), text);
    }
    return new ParamOverride(file, kind, head, path, value, eq >= 0);
  }

  /** Splits {@code a.b[0].c} / {@code a.b.0.c} into its parts; all-digit parts become list indexes. */
  static List<Object> splitKey(String key, String text) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("bad -S '" + text + "': empty key");
    }
    List<Object> parts = new ArrayList<>();
    for (String part : key.replace("[", ".").replace("]", "").split("\\.", -1)) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException("bad -S '" + text + "': empty part in key '" + key + "'");
      }
      if (part.chars().allMatch(Character::isDigit) && part.length() < 10) {
        parts.add(Integer.parseInt(part));
      } else {
        parts.add(part);
      }
    }
    return parts;
  }

  /** Reads a value as YAML flow text; an empty value is the empty string. */
  static Object parseValue(String raw, String text) {
    if (raw.isEmpty()) {
      return "";
    }
    try {
      return StructuredFiles.parseYaml(raw, "-S " + text);
    } catch (StructuredFiles.ParseException e) {
      throw new IllegalArgumentException("bad -S '" + text + "': value is not valid YAML: " + raw);
    }
  }

  @Override
  public String toString() {
    String f = file.equals(DEFAULT_FILE) ? "" : file + ":";
    return f + kind.prefix + key + (hasValue ? "=" + ParamsEditor.flowText(value) : "");
  }
}
