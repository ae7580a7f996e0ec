package dev.cairn.merge;

import dev.cairn.format.StructuredFiles;
import dev.cairn.format.YamlWriter;
import dev.cairn.hash.HashInfo;
import dev.cairn.odb.CorruptObjectException;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ObjectDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Three-way merge of the files DVC versions in Git, entry by entry: a {@code dvc.lock} by stage, a
 * {@code .dvc} file by output path (and a directory output changed on both sides through its
 * {@code .dir} manifests, when the cache holds them), a {@code .dir} manifest by file. An entry
 * changed on one side only takes that side; the same change on both sides is kept once; different
 * changes to the same entry are a conflict, described with both sides' hashes.
 */
public final class MetafileMerge {
  /** What a file is, from its path in the repository. */
  public enum Kind {
    LOCK, DVC_FILE, DIR_MANIFEST;

    /** The kind of {@code path}, or null when it is none of DVC's files. */
    public static Kind of(String path) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (name.equals("dvc.lock")) {
        return LOCK;
      }
      if (name.endsWith(".dvc")) {
        return DVC_FILE;
      }
      return name.endsWith(".dir") ? DIR_MANIFEST : null;
    }
  }

  /**
   * The outcome: the merged text when {@code conflicts} is empty, else null; each conflict is one
   * line naming the entry and both sides' hashes.
   */
  public record Result(byte[] merged, List<String> conflicts) {
    /** Whether the merge succeeded. */
    public boolean clean() {
      return conflicts.isEmpty();
    }
  }

  private static final Object CONFLICT = new Object();

  private final ObjectDb odb;
  private final List<String> conflicts = new ArrayList<>();
  private String path;

  private MetafileMerge(ObjectDb odb) {
    this.odb = odb;
  }

  /**
   * Merges the three versions of the file at {@code path} (repository-relative, with {@code /}).
   * Directory outputs are merged through {@code odb}, which may be null (then they conflict); a
   * merged {@code .dir} manifest is written to it.
   *
   * @throws IOException when a version cannot be parsed (the message names the file and side) or
   *     the cache cannot be read or written
   * @throws IllegalArgumentException when {@code path} is not one of DVC's files
   */
  public static Result merge(String path, byte[] base, byte[] ours, byte[] theirs, ObjectDb odb)
      throws IOException {
    Kind kind = Kind.of(path);
    if (kind == null) {
      throw new IllegalArgumentException(path + " is not a dvc.lock, .dvc file or .dir manifest");
    }
    if (java.util.Arrays.equals(base, ours) || java.util.Arrays.equals(ours, theirs)) {
      return new Result(theirs, List.of());
    }
    if (java.util.Arrays.equals(base, theirs)) {
      return new Result(ours, List.of());
    }
    MetafileMerge m = new MetafileMerge(odb);
    m.path = path;
    byte[] merged = switch (kind) {
      case LOCK -> m.yaml(base, ours, theirs, true);
      case DVC_FILE -> m.yaml(base, ours, theirs, false);
      case DIR_MANIFEST -> m.manifest(base, ours, theirs);
    };
    return m.conflicts.isEmpty() ? new Result(merged, List.of()) : new Result(null, List.copyOf(m.conflicts));
  }

  @SuppressWarnings("unchecked")
  private byte[] yaml(byte[] base, byte[] ours, byte[] theirs, boolean lock) throws IOException {
    Map<String, Object> b = map(base, "base");
    Map<String, Object> o = map(ours, "ours");
    Map<String, Object> t = map(theirs, "theirs");
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : union(o.keySet(), t.keySet(), b.keySet())) {
      Object v;
      if (lock && key.equals("stages")) {
        v = entries(asMap(b.get(key)), asMap(o.get(key)), asMap(t.get(key)), "stage");
      } else if (!lock && key.equals("outs")) {
        v = outs(asList(b.get(key)), asList(o.get(key)), asList(t.get(key)));
      } else {
        v = pick(b.get(key), o.get(key), t.get(key));
        if (v == CONFLICT) {
          conflict("'" + key + "'", o.get(key), t.get(key));
          continue;
        }
      }
      if (v != null) {
        out.put(key, v);
      }
    }
    return YamlWriter.write(out).getBytes(StandardCharsets.UTF_8);
  }

  /** Entries of a map (dvc.lock's stages) merged by key, in ours' order, then theirs' new ones. */
  private Map<String, Object> entries(Map<String, Object> b, Map<String, Object> o, Map<String, Object> t,
      String what) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : union(o.keySet(), t.keySet(), b.keySet())) {
      Object v = pick(b.get(key), o.get(key), t.get(key));
      if (v == CONFLICT) {
        conflict(what + " '" + key + "'", o.get(key), t.get(key));
      } else if (v != null) {
        out.put(key, v);
      }
    }
    return out;
  }

  /** A .dvc file's outputs merged by path; a directory changed on both sides through its manifests. */
  private List<Object> outs(List<Object> b, List<Object> o, List<Object> t) throws IOException {
    Map<String, Object> bm = byKey(b, "path");
    Map<String, Object> om = byKey(o, "path");
    Map<String, Object> tm = byKey(t, "path");
    List<Object> out = new ArrayList<>();
    for (String p : union(om.keySet(), tm.keySet(), bm.keySet())) {
      Object v = pick(bm.get(p), om.get(p), tm.get(p));
      if (v == CONFLICT) {
        v = directory(p, bm.get(p), om.get(p), tm.get(p));
      }
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  /** Both sides changed directory output {@code p}: merge its manifests, or report the conflict. */
  private Object directory(String p, Object b, Object o, Object t) throws IOException {
    String hb = md5(b);
    String ho = md5(o);
    String ht = md5(t);
    String what = "output '" + p + "'";
    if (odb == null || hb == null || ho == null || ht == null || !hb.endsWith(".dir") || !ho.endsWith(".dir")
        || !ht.endsWith(".dir") || !sameExceptHash(b, o) || !sameExceptHash(b, t)) {
      conflict(what, o, t);
      return null;
    }
    Manifest mb;
    Manifest mo;
    Manifest mt;
    try {
      mb = odb.readManifest(HashInfo.md5(hb));
      mo = odb.readManifest(HashInfo.md5(ho));
      mt = odb.readManifest(HashInfo.md5(ht));
    } catch (dev.cairn.odb.MissingObjectException e) {
      conflicts.add(path + ": " + what + " changed on both sides: " + ho + " (ours) vs " + ht
          + " (theirs); its manifests are not all in the cache (run 'cairn fetch' on both sides to merge it)");
      return null;
    } catch (CorruptObjectException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
    Manifest merged = mergeManifests(mb, mo, mt, what + ", file ");
    if (merged == null) {
      return null;
    }
    byte[] bytes = merged.toBytes();
    HashInfo h = HashInfo.md5(merged.oid());
    if (!odb.exists(h)) {
      odb.insertBytes(h, bytes);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    long size = 0;
    for (Manifest.Entry e : merged.entries()) {
      var f = odb.path(HashInfo.md5(e.md5()));
      size = size < 0 || !Files.isRegularFile(f) ? -1 : size + Files.size(f);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> ours = (Map<String, Object>) o;
    for (Map.Entry<String, Object> e : ours.entrySet()) {
      switch (e.getKey()) {
        case "md5" -> entry.put("md5", merged.oid());
        case "size" -> {
          if (size >= 0) {
            entry.put("size", size);
          }
        }
        case "nfiles" -> entry.put("nfiles", merged.nfiles());
        default -> entry.put(e.getKey(), e.getValue());
      }
    }
    return entry;
  }

  private byte[] manifest(byte[] base, byte[] ours, byte[] theirs) throws IOException {
    Manifest merged = mergeManifests(manifest(base, "base"), manifest(ours, "ours"), manifest(theirs, "theirs"),
        "file ");
    return merged == null ? null : merged.toBytes();
  }

  private Manifest manifest(byte[] bytes, String side) throws IOException {
    try {
      return Manifest.parse(bytes, path);
    } catch (CorruptObjectException e) {
      throw new IOException(path + " (" + side + "): " + e.getMessage(), e);
    }
  }

  /** Manifests merged by relpath, or null after recording the conflicts. */
  private Manifest mergeManifests(Manifest b, Manifest o, Manifest t, String what) {
    Map<String, Object> bm = new LinkedHashMap<>();
    Map<String, Object> om = new LinkedHashMap<>();
    Map<String, Object> tm = new LinkedHashMap<>();
    b.entries().forEach(e -> bm.put(e.relpath(), e.md5()));
    o.entries().forEach(e -> om.put(e.relpath(), e.md5()));
    t.entries().forEach(e -> tm.put(e.relpath(), e.md5()));
    List<Manifest.Entry> out = new ArrayList<>();
    int before = conflicts.size();
    for (String p : union(om.keySet(), tm.keySet(), bm.keySet())) {
      Object v = pick(bm.get(p), om.get(p), tm.get(p));
      if (v == CONFLICT) {
        conflict(what + "'" + p + "'", om.get(p), tm.get(p));
      } else if (v != null) {
        out.add(new Manifest.Entry(p, (String) v));
      }
    }
    return conflicts.size() > before ? null : new Manifest(out);
  }

  /** The merged value of one entry (null: absent), or {@link #CONFLICT}. */
  private static Object pick(Object b, Object o, Object t) {
    if (Objects.equals(o, t) || Objects.equals(b, t)) {
      return o;
    }
    if (Objects.equals(b, o)) {
      return t;
    }
    return CONFLICT;
  }

  private void conflict(String what, Object o, Object t) {
    conflicts.add(path + ": " + what + " changed on both sides: " + describe(o) + " (ours) vs " + describe(t)
        + " (theirs)");
  }

  /** An entry by its hash: an md5, a stage's outputs' hashes, or what it is. */
  private static String describe(Object v) {
    if (v == null) {
      return "deleted";
    }
    if (v instanceof String s) {
      return s;
    }
    String h = md5(v);
    if (h != null) {
      return h;
    }
    if (v instanceof Map<?, ?> m && m.get("outs") instanceof List<?> outs && !outs.isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (Object out : outs) {
        if (out instanceof Map<?, ?> om) {
          parts.add(om.get("path") + " " + md5(om));
        }
      }
      return String.join(", ", parts);
    }
    return String.valueOf(v);
  }

  private static String md5(Object v) {
    if (v instanceof Map<?, ?> m) {
      Object h = m.containsKey("md5") ? m.get("md5") : m.get("etag");
      return h == null ? null : String.valueOf(h);
    }
    return null;
  }

  /** Whether two outputs differ only in their hash and size (their flags are the same). */
  private static boolean sameExceptHash(Object a, Object b) {
    Map<Object, Object> x = new LinkedHashMap<>((Map<?, ?>) a);
    Map<Object, Object> y = new LinkedHashMap<>((Map<?, ?>) b);
    for (String k : List.of("md5", "size", "nfiles")) {
      x.remove(k);
      y.remove(k);
    }
    return x.equals(y);
  }

  private Map<String, Object> map(byte[] bytes, String side) throws IOException {
    Object v = StructuredFiles.parseYaml(new String(bytes, StandardCharsets.UTF_8), path + " (" + side + ")");
    if (v == null) {
      return new LinkedHashMap<>();
    }
    if (!(v instanceof Map<?, ?>)) {
      throw new IOException(path + " (" + side + "): expected a mapping at the top");
    }
    return asMap(v);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object v) {
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> asList(Object v) {
    return v instanceof List<?> l ? (List<Object>) l : List.of();
  }

  private Map<String, Object> byKey(List<Object> list, String key) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m) || !(m.get(key) instanceof String k)) {
        throw new IOException(path + ": every entry of 'outs' needs a '" + key + "'");
      }
      out.put(k, item);
    }
    return out;
  }

  private static List<String> union(java.util.Set<String> a, java.util.Set<String> b, java.util.Set<String> c) {
    LinkedHashSet<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    all.addAll(c);
    return new ArrayList<>(all);
  }
}
