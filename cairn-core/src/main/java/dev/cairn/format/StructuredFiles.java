package dev.cairn.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads params, metrics and vars files the way DVC does: by extension, {@code .json} as JSON,
 * {@code .toml} as TOML, anything else as YAML 1.2 (core schema: {@code 1e-5} is a float, {@code
 * yes} is a string). Maps keep file order. Values are {@code String}, {@code Integer}/{@code Long}/
 * {@code BigInteger}, {@code Double}, {@code Boolean}, {@code null}, {@code List} and {@code Map}.
 */
public final class StructuredFiles {
  private StructuredFiles() {}

  /** Maximum aliases per document: refuses YAML "billion laughs" bombs. */
  static final int MAX_ALIASES = 100;

  /** Deepest nesting of collections accepted in YAML (JSON's limit is Jackson's, 500). */
  static final int MAX_DEPTH = 1000;

  /** Most values a YAML document may expand to through its aliases. */
  static final long MAX_NODES = 10_000_000;

  /** Jackson is only loaded when a JSON file is read (a YAML-only run, like repro, never pays for it). */
  private static final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_LONG_FOR_INTS)
        .build();
  }

  private static final class Toml {
    static final ObjectMapper MAPPER = TomlMapper.builder()
        .enable(DeserializationFeature.USE_LONG_FOR_INTS)
        .build();
  }

  /** A file could not be parsed; the message names the file and, when known, the line. */
  public static final class ParseException extends IOException {
    public ParseException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Loads a file, choosing the parser by extension. */
  public static Object load(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return parse(text, file.getFileName().toString(), file.toString());
  }

  /** Parses text whose format is chosen from {@code fileName}'s extension; {@code label} names it in errors. */
  public static Object parse(String text, String fileName, String label) throws ParseException {
    String lower = fileName.toLowerCase(Locale.ROOT);
    try {
      if (lower.endsWith(".json")) {
        return Json.MAPPER.readValue(text, Object.class);
      }
      if (lower.endsWith(".toml")) {
        return tomlFloatsAsDouble(Toml.MAPPER.readValue(text, LinkedHashMap.class));
      }
      return parseYaml(text, label);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new ParseException(label + ": malformed " + (lower.endsWith(".toml") ? "TOML" : "JSON") + where
          + ": " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Jackson's TOML parser reports floats as {@code BigDecimal}; Python's TOML readers give {@code
   * float}, so convert them (in place) to {@code Double} like the JSON and YAML readers produce.
   */
  @SuppressWarnings("unchecked")
  private static Object tomlFloatsAsDouble(Object v) {
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (v instanceof Map<?, ?> m) {
      ((Map<Object, Object>) m).replaceAll((k, x) -> tomlFloatsAsDouble(x));
    } else if (v instanceof List<?> l) {
      ((List<Object>) l).replaceAll(StructuredFiles::tomlFloatsAsDouble);
    }
    return v;
  }

  /** Parses YAML 1.2 text (one document; an empty document is {@code null}). */
  public static Object parseYaml(String text, String label) throws ParseException {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(label)
        .setSchema(new CoreSchema())
        .setAllowDuplicateKeys(false)
        .setMaxAliasesForCollections(MAX_ALIASES)
        .setCodePointLimit(64 * 1024 * 1024)
        .build();
    Object value;
    try {
      value = new Load(settings).loadFromReader(YamlReaders.of(text));
    } catch (StackOverflowError e) {
      throw new ParseException(label + ": malformed YAML: nested more than " + MAX_DEPTH + " levels deep", null);
    } catch (MarkedYamlEngineException e) {
      String line = e.getProblemMark().map(m -> " at line " + (m.getLine() + 1)).orElse("");
      throw new ParseException(label + ": malformed YAML" + line + ": " + e.getProblem(), e);
    } catch (YamlEngineException e) {
      throw new ParseException(label + ": malformed YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
    } catch (IllegalArgumentException e) {
      // SnakeYAML Engine checks some tokens (a tag with edge spaces, say) with unchecked exceptions
      throw new ParseException(label + ": malformed YAML: " + e.getMessage(), e);
    }
    measure(value, label, 0, new IdentityHashMap<>());
    return value;
  }

  /**
   * Refuses what would make every later walk over the value blow up: nesting deeper than {@link
   * #MAX_DEPTH}, a collection that contains itself through an alias, and alias "bombs" whose
   * expansion has more than {@link #MAX_NODES} nodes (each shared node is counted once per use, but
   * measured once). Returns the expanded node count.
   */
  private static long measure(Object v, String label, int depth, IdentityHashMap<Object, Long> sizes)
      throws ParseException {
    if (!(v instanceof Map || v instanceof List)) {
      return 1;
    }
    Long known = sizes.get(v);
    if (known != null) {
      if (known < 0) {
        throw new ParseException(label + ": malformed YAML: an alias refers to a collection that contains it", null);
      }
      return known;
    }
    if (depth >= MAX_DEPTH) {
      throw new ParseException(label + ": malformed YAML: nested more than " + MAX_DEPTH + " levels deep", null);
    }
    sizes.put(v, -1L);
    long n = 1;
    if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        n += measure(e.getKey(), label, depth + 1, sizes) + measure(e.getValue(), label, depth + 1, sizes);
        if (n > MAX_NODES) {
          break;
        }
      }
    } else {
      for (Object x : (List<?>) v) {
        n += measure(x, label, depth + 1, sizes);
        if (n > MAX_NODES) {
          break;
        }
      }
    }
    if (n > MAX_NODES) {
      throw new ParseException(label + ": malformed YAML: aliases expand to more than " + MAX_NODES
          + " values (a YAML bomb?)", null);
    }
    sizes.put(v, n);
    return n;
  }

  /** Loads a file that must hold a mapping at top level (an empty file is an empty map). */
  public static Map<String, Object> loadMap(Path file) throws IOException {
    return parseMap(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString(), file.toString());
  }

  /** Like {@link #parse}, for text that must hold a mapping at top level (empty text is an empty map). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseMap(String text, String fileName, String label) throws ParseException {
    Object o = parse(text, fileName, label);
    if (o == null) {
      return new LinkedHashMap<>();
    }
    if (!(o instanceof Map)) {
      throw new ParseException(label + ": expected a mapping at the top level, found " + typeName(o), null);
    }
    return (Map<String, Object>) o;
  }

  static String typeName(Object o) {
    if (o instanceof List) {
      return "a list";
    }
    return o instanceof String ? "a string" : "a " + o.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }
}
