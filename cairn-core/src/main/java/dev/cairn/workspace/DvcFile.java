package dev.cairn.workspace;

import dev.cairn.format.StructuredFiles;
import dev.cairn.format.YamlWriter;
import dev.cairn.hash.EntryHash;
import dev.cairn.hash.HashInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code .dvc} file (dvc-format.md §5.2): its outputs as ordered maps, so that rewriting keeps
 * the user's key order and extra fields, exactly as DVC's round-trip dumper does. New entries are
 * written in DVC's order: {@code md5, size, nfiles, isexec, hash, path}, then the flags.
 */
public final class DvcFile {
  /** The suffix of these files. */
  public static final String SUFFIX = ".dvc";

  static final Set<String> TOP_KEYS = Set.of("outs", "deps", "md5", "wdir", "frozen", "locked",
      "always_changed", "desc", "meta");
  static final Set<String> OUT_KEYS = Set.of("md5", "size", "nfiles", "isexec", "hash", "path", "desc", "type",
      "labels", "meta", "cache", "persist", "remote", "push", "files", "etag", "checksum", "version_id", "cloud");

  private final Path file;
  private final Map<String, Object> data;

  private DvcFile(Path file, Map<String, Object> data) {
    this.file = file;
    this.data = data;
  }

  /** A new, empty file at {@code file}. */
  public static DvcFile create(Path file) {
    return new DvcFile(file, new LinkedHashMap<>());
  }

  /**
   * Reads and validates a {@code .dvc} file.
   *
   * @throws InvalidDvcFileException naming the file and key for malformed YAML, unknown keys,
   *     a missing path or a bad hash
   */
  @SuppressWarnings("unchecked")
  public static DvcFile read(Path file) throws IOException {
    String label = file.getFileName().toString();
    Object o;
    try {
      o = StructuredFiles.parseYaml(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (StructuredFiles.ParseException e) {
      throw new InvalidDvcFileException(e.getMessage());
    } catch (java.nio.charset.MalformedInputException e) {
      throw new InvalidDvcFileException(file + ": not UTF-8 text");
    }
    if (o == null) {
      o = new LinkedHashMap<>();
    }
    if (!(o instanceof Map)) {
      throw new InvalidDvcFileException(file + ": expected a mapping with 'outs', found " + o.getClass().getSimpleName());
    }
    Map<String, Object> m = (Map<String, Object>) o;
    for (Object key : m.keySet()) {
      if (!(key instanceof String k)) {
        throw new InvalidDvcFileException(file + ": unknown key '" + key + "' (keys must be names)");
      }
      if (k.equals("cmd")) {
        throw new InvalidDvcFileException(file + ": 'cmd' in a .dvc file is a DVC 1.x stage, which is not supported;"
            + " move the stage to dvc.yaml");
      }
      if (!TOP_KEYS.contains(k)) {
        throw new InvalidDvcFileException(file + ": unknown key '" + k + "' (expected one of outs, deps, md5, wdir,"
            + " frozen, always_changed, desc, meta)");
      }
    }
    Object outs = m.get("outs");
    if (outs != null) {
      if (!(outs instanceof List)) {
        throw new InvalidDvcFileException(file + ": 'outs' must be a list");
      }
      int i = 0;
      for (Object item : (List<Object>) outs) {
        if (!(item instanceof Map)) {
          throw new InvalidDvcFileException(file + ": outs[" + i + "] must be a mapping");
        }
        Map<String, Object> out = (Map<String, Object>) item;
        for (Object k : out.keySet()) {
          if (!(k instanceof String) || !OUT_KEYS.contains(k)) {
            throw new InvalidDvcFileException(file + ": unknown key '" + k + "' in outs[" + i + "]");
          }
        }
        if (!(out.get("path") instanceof String p) || p.isEmpty()) {
          throw new InvalidDvcFileException(file + ": outs[" + i + "] has no 'path'");
        }
        Object md5 = out.get("md5");
        if (md5 != null && !HashInfo.isValid(String.valueOf(md5))) {
          throw new InvalidDvcFileException(file + ": outs[" + i + "].md5 '" + md5 + "' is not an md5 hash");
        }
        i++;
      }
    }
    return new DvcFile(file, m);
  }

  /** A file at {@code file} with the given top-level content (kept as the live, ordered map). */
  public static DvcFile of(Path file, Map<String, Object> data) {
    return new DvcFile(file, data);
  }

  /** The top-level content, as the live ordered map ({@code outs}, {@code deps}, {@code md5} …). */
  public Map<String, Object> data() {
    return data;
  }

  public Path file() {
    return file;
  }

  /** The directory paths are relative to: the file's dir plus {@code wdir}. */
  public Path baseDir() {
    Object w = data.get("wdir");
    Path dir = file.toAbsolutePath().getParent();
    return w == null ? dir : dir.resolve(String.valueOf(w)).normalize();
  }

  /**
   * The whole file as a live ordered map (top-level keys in file order): editing it and calling
   * {@link #write()} rewrites the file with those changes, the rest kept as it was.
   */
  public Map<String, Object> contents() {
    return data;
  }

  /**
   * The single dependency of an import file ({@code dvc import} or {@code import-url}: one dep,
   * one output), as a live map; null for any other file.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> importDep() {
    if (data.get("deps") instanceof List<?> l && l.size() == 1 && l.get(0) instanceof Map<?, ?> m
        && data.get("outs") instanceof List<?> o && o.size() == 1) {
      return (Map<String, Object>) m;
    }
    return null;
  }

  /** Whether this is a {@code dvc import} file: its single dep names a {@code repo}. */
  public boolean isRepoImport() {
    Map<String, Object> d = importDep();
    return d != null && d.get("repo") instanceof Map<?, ?>;
  }

  /** Whether the file is an import or has deps (only outputs are handled by add/commit). */
  public boolean hasDeps() {
    return data.get("deps") instanceof List<?> l && !l.isEmpty();
  }

  /** A top-level field ({@code wdir}, {@code desc}, {@code md5} …) as read, or null. */
  public Object get(String key) {
    return data.get(key);
  }

  public boolean isFrozen() {
    return Boolean.TRUE.equals(data.get("frozen")) || Boolean.TRUE.equals(data.get("locked"));
  }

  /**
   * Sets {@code frozen: true} (appended after the existing keys, where DVC's round-trip dump puts
   * it) or removes it (and the legacy {@code locked}).
   */
  public void setFrozen(boolean frozen) {
    data.remove("locked");
    if (frozen) {
      data.put("frozen", true);
    } else {
      data.remove("frozen");
    }
  }

  /** The outputs, as live ordered maps. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> outs() {
    Object o = data.get("outs");
    if (o == null) {
      List<Object> l = new ArrayList<>();
      data.put("outs", l);
      o = l;
    }
    return (List<Map<String, Object>>) o;
  }

  /** Typed view of one output entry. */
  public static OutputEntry entry(Map<?, ?> out) {
    Object remote = out.get("remote");
    return new OutputEntry(String.valueOf(out.get("path")), hash(out), !HashInfo.MD5.equals(out.get("hash")),
        !Boolean.FALSE.equals(out.get("cache")), !Boolean.FALSE.equals(out.get("push")),
        remote == null ? null : String.valueOf(remote));
  }

  /**
   * The hash with meta an output entry records, as written: the value of {@code md5}, else {@code
   * etag}, else {@code checksum}; {@code size} and {@code nfiles} when they are numbers; {@code
   * isexec}; {@code version_id}, {@code cloud} and {@code files} as extra keys. Null when the entry
   * records neither a hash nor a size or file count. Malformed values are not refused here ({@link
   * #read} refuses them in workspace files; revisions are read as they are): a value that is not an
   * md5 hash names no object.
   */
  public static EntryHash hash(Map<?, ?> out) {
    String name = out.get(HashInfo.MD5) != null ? HashInfo.MD5
        : out.get("etag") != null ? "etag" : out.get("checksum") != null ? "checksum" : null;
    Long size = num(out.get("size"));
    Long nfiles = num(out.get("nfiles"));
    if (name == null && size == null && nfiles == null) {
      return null;
    }
    Map<String, Object> extra = null; // mostly none
    for (String k : EXTRA_KEYS) {
      if (out.get(k) != null) {
        extra = extra == null ? new LinkedHashMap<>() : extra;
        extra.put(k, out.get(k));
      }
    }
    return new EntryHash(name == null ? HashInfo.MD5 : name, name == null ? null : String.valueOf(out.get(name)),
        size, nfiles, Boolean.TRUE.equals(out.get("isexec")), extra);
  }

  private static final List<String> EXTRA_KEYS = List.of("version_id", "cloud", "files");

  private static Long num(Object o) {
    return o instanceof Number n ? n.longValue() : null;
  }

  /** Writes the file atomically with DVC's YAML style. */
  public void write() throws IOException {
    String text = YamlWriter.write(data);
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The YAML text that {@link #write()} would write. */
  public String toText() {
    return YamlWriter.write(data);
  }

  /**
   * An output map for a hash recorded elsewhere (a {@code dvc.lock} output), in DVC's order: {@code
   * md5, size, nfiles, isexec, hash, path}, each only when recorded ({@code hash: md5} unless
   * {@code legacy}).
   */
  public static Map<String, Object> outEntry(String path, EntryHash h, boolean legacy) {
    Map<String, Object> m = new LinkedHashMap<>();
    putHash(m, h);
    if (!legacy) {
      m.put("hash", HashInfo.MD5);
    }
    m.put("path", path);
    return m;
  }

  private static void putHash(Map<String, Object> m, EntryHash h) {
    m.put("md5", h.value());
    if (h.size() != null) {
      m.put("size", h.size());
    }
    if (h.nfiles() != null) {
      m.put("nfiles", h.nfiles());
    }
    if (h.isexec()) {
      m.put("isexec", true);
    }
  }

  /**
   * Updates the hash fields of an output map in place to a freshly computed md5 hash, keeping
   * existing key order and appending new keys in DVC's order. Directory entries get {@code nfiles};
   * {@code isexec} appears only when true.
   */
  public static void setHash(Map<String, Object> out, EntryHash h) {
    Map<String, Object> fresh = new LinkedHashMap<>();
    putHash(fresh, h);
    fresh.put("hash", "md5");
    boolean isNew = out.isEmpty() || !out.containsKey("md5");
    if (h.nfiles() == null) {
      out.remove("nfiles");
    }
    if (!h.isexec()) {
      out.remove("isexec");
    }
    if (isNew) {
      // DVC order: hash fields first, then path and the flags that were there
      Map<String, Object> rest = new LinkedHashMap<>(out);
      out.clear();
      out.putAll(fresh);
      rest.remove("md5");
      rest.remove("size");
      rest.remove("nfiles");
      rest.remove("isexec");
      rest.remove("hash");
      out.putAll(rest);
    } else {
      out.putAll(fresh);
    }
  }
}
