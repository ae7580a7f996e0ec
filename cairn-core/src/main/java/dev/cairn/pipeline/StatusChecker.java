package dev.cairn.pipeline;

import dev.cairn.errors.CairnException;
import dev.cairn.hash.EntryHash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares resolved stages with their lock entries and the current workspace (reference §6.1-6.2),
 * and builds current lock entries. Hashes and params come through {@link HashProvider} and {@link
 * ParamsSource}; no other I/O. Thread-safe if they are.
 */
public final class StatusChecker {
  private final Path repoRoot;
  private final HashProvider hashes;
  private final ParamsSource params;

  public StatusChecker(Path repoRoot, HashProvider hashes, ParamsSource params) {
    this.repoRoot = repoRoot.toAbsolutePath().normalize();
    this.hashes = hashes;
    this.params = params;
  }

  private Path abs(String repoPath) {
    return repoRoot.resolve(repoPath).normalize();
  }

  /**
   * The status of a stage.
   *
   * @param lock the stage's lock entry, or null when it has none
   */
  public StageStatus status(Stage stage, LockEntry lock) throws IOException, PipelineException {
    Map<String, Object> deps = new LinkedHashMap<>();
    if (!stage.frozen()) {
      for (String d : stage.deps()) {
        LockItem rec = lock == null ? null : lock.dep(d);
        String st = workspaceStatus(stage.repoPath(d), rec);
        if (st != null) {
          deps.put(stage.repoPath(d), st);
        }
      }
      for (ParamDep p : stage.params()) {
        Object st = paramsStatus(stage, p, lock == null ? null : lock.params().get(p.file()));
        if (st != null) {
          deps.put(stage.repoPath(p), st);
        }
      }
    }
    Map<String, String> outs = new LinkedHashMap<>();
    for (Out o : stage.outs()) {
      LockItem rec = lock == null ? null : lock.out(o.path());
      String rp = stage.repoPath(o.path());
      if (rec != null && rec.hash() != null && rec.hash().value() != null && o.cache()
          && !hashes.inCache(rec.hash(), rec.legacy())) {
        outs.put(rp, "not in cache");
        continue;
      }
      String st = workspaceStatus(rp, rec);
      if (st != null) {
        outs.put(rp, st);
      }
    }
    boolean always = stage.alwaysChanged() || stage.isCallback();
    boolean cmdChanged = lock != null && !PyEquality.eq(lock.cmd(), stage.lockCmd());
    return new StageStatus(stage.address(), deps, outs, always, cmdChanged, stage.frozen());
  }

  private String workspaceStatus(String repoPath, LockItem rec) throws IOException {
    boolean legacy = rec != null && rec.legacy();
    EntryHash cur = hashes.hash(abs(repoPath), legacy);
    if (cur == null) {
      return "deleted";
    }
    EntryHash recorded = rec == null ? null : rec.hash();
    if (recorded == null || recorded.value() == null || !recorded.value().equals(cur.value())) {
      return "modified";
    }
    return null;
  }

  private Object paramsStatus(Stage stage, ParamDep p, Map<String, Object> recorded) throws IOException,
      PipelineException {
    Map<String, Object> file = load(stage, p);
    if (file == null) {
      return "deleted";
    }
    if (recorded == null) {
      return "new";
    }
    Map<String, Object> actual = values(p, file, false, stage);
    Set<String> keys = new LinkedHashSet<>(p.keys());
    if (p.wholeFile()) {
      keys.addAll(actual.keySet());
      keys.addAll(recorded.keySet());
    }
    Map<String, String> st = new LinkedHashMap<>();
    for (String k : keys) {
      if (!actual.containsKey(k)) {
        st.put(k, "deleted");
      } else if (!recorded.containsKey(k)) {
        st.put(k, "new");
      } else if (!PyEquality.eq(actual.get(k), recorded.get(k))) {
        st.put(k, "modified");
      }
    }
    return st.isEmpty() ? null : st;
  }

  private Map<String, Object> load(Stage stage, ParamDep p) throws IOException, PipelineException {
    try {
      return params.load(abs(stage.repoPath(p)));
    } catch (dev.cairn.format.StructuredFiles.ParseException e) {
      throw new PipelineException("stage '" + stage.address() + "': params: " + e.getMessage(), e);
    }
  }

  /** The tracked values of a params file: key → sub-tree; all top-level keys for a whole file. */
  private static Map<String, Object> values(ParamDep p, Map<String, Object> file, boolean strict, Stage stage)
      throws PipelineException {
    Map<String, Object> out = new LinkedHashMap<>();
    if (p.wholeFile()) {
      out.putAll(file);
      return out;
    }
    List<String> missing = new ArrayList<>();
    for (String k : p.keys()) {
      Object v = lookup(file, k);
      if (v == MISSING) {
        missing.add(k);
      } else {
        out.put(k, v);
      }
    }
    if (strict && !missing.isEmpty()) {
      throw new PipelineException("stage '" + stage.address() + "': params: parameters '" + String.join("', '", missing)
          + "' are missing from '" + p.file() + "'");
    }
    return out;
  }

  private static final Object MISSING = new Object();

  /** dpath-style lookup of a dotted key (list items by index). */
  static Object lookup(Map<String, Object> file, String key) {
    if (file.containsKey(key)) {
      return file.get(key);
    }
    Object cur = file;
    for (String part : key.split("\\.", -1)) {
      if (cur instanceof Map<?, ?> m && m.containsKey(part)) {
        cur = m.get(part);
      } else if (cur instanceof List<?> l && part.matches("\\d+") && Integer.parseInt(part) < l.size()) {
        cur = l.get(Integer.parseInt(part));
      } else {
        return MISSING;
      }
    }
    return cur;
  }

  /**
   * The lock entry of the stage from the current workspace, in DVC's written order.
   *
   * @param withOuts false to leave outs unhashed (enough for the run-cache key before a run)
   * @throws CairnException if a dep or (with {@code withOuts}) an out is missing, or a tracked param
   *     key or params file is missing
   */
  public LockEntry currentEntry(Stage stage, boolean withOuts) throws IOException, CairnException {
    List<LockItem> deps = new ArrayList<>();
    for (String d : stage.deps()) {
      EntryHash h = hashes.hash(abs(stage.repoPath(d)), false);
      if (h == null) {
        throw CairnException.failed("Stage '" + stage.address() + "': dependency '" + stage.repoPath(d)
            + "' does not exist", null);
      }
      deps.add(LockItem.of(d, h));
    }
    Map<String, Map<String, Object>> pv = new LinkedHashMap<>();
    for (ParamDep p : stage.params()) {
      Map<String, Object> file = load(stage, p);
      if (file == null) {
        throw CairnException.failed("Stage '" + stage.address() + "': params file '" + stage.repoPath(p)
            + "' does not exist", null);
      }
      pv.computeIfAbsent(p.file(), k -> new LinkedHashMap<>()).putAll(values(p, file, true, stage));
    }
    List<LockItem> outs = new ArrayList<>();
    for (Out o : stage.outs()) {
      EntryHash h = null;
      if (withOuts) {
        h = hashes.hash(abs(stage.repoPath(o.path())), false);
        if (h == null) {
          throw CairnException.failed("Stage '" + stage.address() + "': output '" + stage.repoPath(o.path())
              + "' does not exist after the run", null);
        }
      }
      outs.add(LockItem.of(o.path(), h));
    }
    return LockEntry.of(stage.lockCmd(), deps, pv, outs);
  }
}
