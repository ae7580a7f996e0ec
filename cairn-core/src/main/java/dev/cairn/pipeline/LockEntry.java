package dev.cairn.pipeline;

import dev.cairn.format.CodePointOrder;
import dev.cairn.hash.EntryHash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stage entry of {@code dvc.lock}: {@code cmd}, {@code deps}, {@code params}, {@code outs}. The
 * canonical constructor keeps the given order (as read); {@link #of} sorts as DVC writes.
 *
 * @param cmd a String or a List of Strings, as the stage's resolved {@code cmd}
 * @param params file → (dotted key → value)
 */
public record LockEntry(Object cmd, List<LockItem> deps, Map<String, Map<String, Object>> params, List<LockItem> outs) {
  public LockEntry {
    cmd = cmd instanceof List<?> l ? List.copyOf(l) : cmd;
    deps = List.copyOf(deps);
    outs = List.copyOf(outs);
    Map<String, Map<String, Object>> p = new LinkedHashMap<>();
    params.forEach((k, v) -> p.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    params = Collections.unmodifiableMap(p);
  }

  /**
   * An entry in DVC's written order: deps and outs sorted by path, {@code params.yaml} first then the
   * other files sorted, keys sorted within each file.
   */
  public static LockEntry of(Object cmd, List<LockItem> deps, Map<String, Map<String, Object>> params,
      List<LockItem> outs) {
    List<LockItem> d = new ArrayList<>(deps);
    d.sort((a, b) -> CodePointOrder.INSTANCE.compare(a.path(), b.path()));
    List<LockItem> o = new ArrayList<>(outs);
    o.sort((a, b) -> CodePointOrder.INSTANCE.compare(a.path(), b.path()));
    Map<String, Map<String, Object>> p = new LinkedHashMap<>();
    TreeMap<String, Map<String, Object>> sorted = new TreeMap<>(CodePointOrder.INSTANCE);
    sorted.putAll(params);
    if (sorted.containsKey(ParamDep.DEFAULT_FILE)) {
      p.put(ParamDep.DEFAULT_FILE, null);
    }
    for (Map.Entry<String, Map<String, Object>> e : sorted.entrySet()) {
      TreeMap<String, Object> keys = new TreeMap<>(CodePointOrder.INSTANCE);
      keys.putAll(e.getValue());
      p.put(e.getKey(), new LinkedHashMap<>(keys));
    }
    return new LockEntry(cmd, d, p, o);
  }

  /** The entry as an ordered map ({@code cmd}, {@code deps}, {@code params}, {@code outs}; empty ones left out). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cmd", cmd);
    if (!deps.isEmpty()) {
      m.put("deps", items(deps));
    }
    if (!params.isEmpty()) {
      Map<String, Object> p = new LinkedHashMap<>(params);
      m.put("params", p);
    }
    if (!outs.isEmpty()) {
      m.put("outs", items(outs));
    }
    return m;
  }

  static List<Object> items(List<LockItem> items) {
    List<Object> out = new ArrayList<>();
    for (LockItem i : items) {
      out.add(itemMap(i));
    }
    return out;
  }

  static Map<String, Object> itemMap(LockItem i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", i.path());
    if (!i.legacy()) {
      m.put("hash", "md5");
    }
    EntryHash h = i.hash();
    if (h != null) {
      if (h.value() != null) {
        m.put(h.name(), h.value());
      }
      if (h.size() != null) {
        m.put("size", h.size());
      }
      if (h.nfiles() != null) {
        m.put("nfiles", h.nfiles());
      }
      if (h.isexec()) {
        m.put("isexec", true);
      }
      m.putAll(h.extra());
    }
    return m;
  }

  /** The recorded item for a dep path as written, or null. */
  public LockItem dep(String path) {
    return deps.stream().filter(d -> d.path().equals(path)).findFirst().orElse(null);
  }

  /** The recorded item for an out path as written, or null. */
  public LockItem out(String path) {
    return outs.stream().filter(d -> d.path().equals(path)).findFirst().orElse(null);
  }
}
