package dev.cairn.pipeline;

import dev.cairn.format.YamlWriter;
import dev.cairn.hash.EntryHash;
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
import java.util.Optional;
import java.util.Set;

/**
 * {@code dvc.lock} (schema 2.0): read, update and write byte-identically to DVC. Immutable: {@link
 * #with} and {@link #without} return new values; existing stages keep their position, new ones are
 * appended. {@link #write} deletes the file when no stage is left.
 */
public final class LockFile {
  /** The only schema version written. */
  public static final String SCHEMA = "2.0";
  private static final Set<String> ENTRY_KEYS = Set.of("cmd", "deps", "params", "outs");
  private static final Set<String> HASH_NAMES = Set.of("md5", "etag", "checksum");
  private static final Set<String> EXTRA_KEYS = Set.of("version_id", "cloud", "files");

  private final Map<String, LockEntry> stages;
  private final Object datasets;

  private LockFile(Map<String, LockEntry> stages, Object datasets) {
    this.stages = stages;
    this.datasets = datasets;
  }

  /** An empty lock file. */
  public static LockFile empty() {
    return new LockFile(new LinkedHashMap<>(), null);
  }

  /** Reads {@code file}; a missing file is an empty lock. */
  public static LockFile read(Path file) throws IOException, PipelineException {
    if (!Files.exists(file)) {
      return empty();
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
  }

  /** Parses lock text; {@code label} names the file in errors. */
  @SuppressWarnings("unchecked")
  public static LockFile parse(String text, String label) throws PipelineException {
    YamlDoc doc = YamlDoc.parse(text, label, Set.of("params", "datasets"));
    if (doc.root == null) {
      return empty();
    }
    if (!(doc.root instanceof Map<?, ?> top)) {
      throw PipelineException.at(label, 1, null, null, "expected a mapping at the top level");
    }
    Object schema = top.get("schema");
    if (!SCHEMA.equals(schema)) {
      throw PipelineException.at(label, doc.line("schema"), null, "schema",
          "unsupported lock file schema " + (schema == null ? "(missing)" : "'" + schema + "'")
              + ": expected '2.0' (written by DVC 2.x/3.x)");
    }
    for (Object k : top.keySet()) {
      if (!Set.of("schema", "stages", "datasets").contains(String.valueOf(k))) {
        throw PipelineException.at(label, doc.line(String.valueOf(k)), null, null, "unknown key '" + k + "'");
      }
    }
    Map<String, LockEntry> stages = new LinkedHashMap<>();
    Object st = top.get("stages");
    if (st instanceof Map<?, ?> sm) {
      for (Map.Entry<?, ?> e : sm.entrySet()) {
        String name = String.valueOf(e.getKey());
        String path = YamlDoc.path("stages", name);
        if (!(e.getValue() instanceof Map<?, ?> em)) {
          throw PipelineException.at(label, doc.line(path), name, null, "expected a mapping");
        }
        stages.put(name, entry(label, doc, path, name, (Map<String, Object>) em));
      }
    } else if (st != null) {
      throw PipelineException.at(label, doc.line("stages"), null, "stages", "expected a mapping");
    }
    return new LockFile(stages, top.get("datasets"));
  }

  @SuppressWarnings("unchecked")
  private static LockEntry entry(String label, YamlDoc doc, String path, String name, Map<String, Object> m)
      throws PipelineException {
    for (String k : m.keySet()) {
      if (!ENTRY_KEYS.contains(k)) {
        throw PipelineException.at(label, doc.line(YamlDoc.child(path, k)), name, null, "unknown key '" + k + "'");
      }
    }
    Object cmd = m.get("cmd");
    if (!(cmd instanceof String) && !(cmd instanceof List)) {
      throw PipelineException.at(label, doc.line(path), name, "cmd", "missing or not a string/list");
    }
    Map<String, Map<String, Object>> params = new LinkedHashMap<>();
    if (m.get("params") instanceof Map<?, ?> pm) {
      for (Map.Entry<?, ?> e : pm.entrySet()) {
        params.put(String.valueOf(e.getKey()),
            e.getValue() instanceof Map<?, ?> v ? (Map<String, Object>) v : new LinkedHashMap<>());
      }
    }
    return new LockEntry(cmd, items(label, doc, YamlDoc.child(path, "deps"), name, m.get("deps")), params,
        items(label, doc, YamlDoc.child(path, "outs"), name, m.get("outs")));
  }

  private static List<LockItem> items(String label, YamlDoc doc, String path, String name, Object v)
      throws PipelineException {
    List<LockItem> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof List<?> l)) {
      throw PipelineException.at(label, doc.line(path), name, null, "expected a list");
    }
    for (int i = 0; i < l.size(); i++) {
      String ip = YamlDoc.child(path, Integer.toString(i));
      if (!(l.get(i) instanceof Map<?, ?> im) || !(im.get("path") instanceof String p)) {
        throw PipelineException.at(label, doc.line(ip), name, null, "each item needs a 'path'");
      }
      boolean legacy = !"md5".equals(im.get("hash"));
      String hashName = null;
      String value = null;
      Long size = null;
      Long nfiles = null;
      boolean isexec = false;
      Map<String, Object> extra = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : im.entrySet()) {
        String k = String.valueOf(e.getKey());
        Object val = e.getValue();
        if (k.equals("path") || k.equals("hash")) {
          continue;
        }
        if (HASH_NAMES.contains(k)) {
          hashName = k;
          value = val == null ? null : String.valueOf(val);
          if (value != null && !k.equals("etag")) {
            value = value.toLowerCase(Locale.ROOT);
          }
        } else if (k.equals("size") || k.equals("nfiles")) {
          if (val != null && !(val instanceof Number)) {
            throw PipelineException.at(label, doc.line(YamlDoc.child(ip, k)), name, k,
                "expected a number in '" + p + "', found '" + val + "'");
          }
          Long n = val == null ? null : ((Number) val).longValue();
          if (k.equals("size")) {
            size = n;
          } else {
            nfiles = n;
          }
        } else if (k.equals("isexec")) {
          isexec = Boolean.TRUE.equals(val);
        } else if (EXTRA_KEYS.contains(k)) {
          extra.put(k, val);
        } else {
          throw PipelineException.at(label, doc.line(YamlDoc.child(ip, k)), name, null,
              "unknown key '" + k + "' in '" + p + "'");
        }
      }
      EntryHash h = hashName == null && size == null && extra.isEmpty() ? null
          : new EntryHash(hashName == null ? "md5" : hashName, value, size, nfiles, isexec, extra);
      out.add(new LockItem(p, legacy, h));
    }
    return out;
  }

  /** Stage names in file order. */
  public List<String> stageNames() {
    return List.copyOf(stages.keySet());
  }

  /** The entry of a stage, by its name in this file ({@code build@uk} for generated stages). */
  public Optional<LockEntry> entry(String name) {
    return Optional.ofNullable(stages.get(name));
  }

  /** A copy with the entry set: an existing stage keeps its position, a new one is appended. */
  public LockFile with(String name, LockEntry entry) {
    Map<String, LockEntry> m = new LinkedHashMap<>(stages);
    m.put(name, entry);
    return new LockFile(m, datasets);
  }

  /** A copy without the stage. */
  public LockFile without(String name) {
    Map<String, LockEntry> m = new LinkedHashMap<>(stages);
    m.remove(name);
    return new LockFile(m, datasets);
  }

  /** A copy keeping only the named stages (in their current order). */
  public LockFile retain(java.util.Collection<String> names) {
    Map<String, LockEntry> m = new LinkedHashMap<>(stages);
    m.keySet().retainAll(names);
    return new LockFile(m, datasets);
  }

  /** Whether no stage is recorded. */
  public boolean isEmpty() {
    return stages.isEmpty();
  }

  /** The file text as DVC writes it. */
  public String toYaml() {
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("schema", SCHEMA);
    Map<String, Object> st = new LinkedHashMap<>();
    stages.forEach((k, v) -> st.put(k, v.toMap()));
    top.put("stages", st);
    if (datasets != null) {
      top.put("datasets", datasets);
    }
    return YamlWriter.write(top);
  }

  /**
   * Writes the file atomically (temp file + rename), or deletes it when no stage is left.
   */
  public void write(Path file) throws IOException {
    if (stages.isEmpty() && datasets == null) {
      Files.deleteIfExists(file);
      return;
    }
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, toYaml(), StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The lock file of a stage: {@code dvc.lock} beside its {@code dvc.yaml}. */
  public static Path pathFor(Path repoRoot, Stage stage) {
    return (stage.dvcfileDir().isEmpty() ? repoRoot : repoRoot.resolve(stage.dvcfileDir())).resolve("dvc.lock");
  }
}
