package dev.cairn.pipeline;

import dev.cairn.format.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Run-cache key and value of a stage (reference §6.4): SHA-256 of the lock entry's JSON without
 * {@code size}/{@code nfiles} (value), and of the same with outs reduced to their paths (key).
 * Entries live at {@code runs/<key[0:2]>/<key>/<value>} under the cache root.
 */
public final class RunCache {
  private static final Set<String> EXCLUDED = Set.of("size", "nfiles");

  private RunCache() {}

  /** The run-cache value (file name) of a complete lock entry. */
  public static String value(LockEntry entry) {
    return Digests.dictSha256(entry.toMap(), EXCLUDED);
  }

  /** The run-cache key (directory name): outs replaced by their paths, so out hashes do not matter. */
  public static String key(LockEntry entry) {
    Map<String, Object> m = new LinkedHashMap<>(entry.toMap());
    List<String> outs = new ArrayList<>();
    for (LockItem o : entry.outs()) {
      outs.add(o.path());
    }
    m.put("outs", outs);
    return Digests.dictSha256(m, EXCLUDED);
  }

  /** {@code runs/<key[0:2]>/<key>/<value>}, relative to the cache root. */
  public static String relativePath(String key, String value) {
    return "runs/" + key.substring(0, 2) + "/" + key + "/" + value;
  }

  /** The text of a run-cache entry file: the lock entry in dvc.lock's YAML style. */
  public static String entryText(LockEntry entry) {
    return YamlWriter.write(entry.toMap());
  }

  /** Parses a run-cache entry file. */
  public static LockEntry parseEntry(String text, String label) throws PipelineException {
    String wrapped = "schema: '2.0'\nstages:\n  run:\n" + text.indent(4);
    return LockFile.parse(wrapped, label).entry("run")
        .orElseThrow(() -> new PipelineException(label + ": empty run-cache entry"));
  }

  /**
   * Whether the stage can be run-cached with the hashes in {@code entry}: not always_changed, not a
   * callback; a cmd, at least one dep (params count) and one out; every dep local and hashed; every
   * out local, inside the repo and not {@code persist}.
   */
  public static boolean eligible(Stage stage, LockEntry entry) {
    if (stage.alwaysChanged() || stage.isCallback() || stage.cmd().isEmpty() || stage.outs().isEmpty()
        || (stage.deps().isEmpty() && stage.params().isEmpty())) {
      return false;
    }
    for (String d : stage.deps()) {
      LockItem li = entry.dep(d);
      if (isRemote(d) || li == null || li.hash() == null || li.hash().value() == null) {
        return false;
      }
    }
    for (ParamDep p : stage.params()) {
      Map<String, Object> values = entry.params().get(p.file());
      if (values == null || values.isEmpty()) {
        return false;
      }
    }
    for (Out o : stage.outs()) {
      String rp = stage.repoPath(o.path());
      if (isRemote(o.path()) || o.persist() || rp.startsWith("..") || rp.startsWith("/")) {
        return false;
      }
    }
    return true;
  }

  /** Whether a run should be saved to the run-cache: no plain (non-metric, non-plot) out has {@code cache: false}. */
  public static boolean shouldSave(Stage stage) {
    for (Out o : stage.outs()) {
      if (!o.cache() && o.kind() == Out.Kind.OUT) {
        return false;
      }
    }
    return true;
  }

  static boolean isRemote(String path) {
    return path.contains("://");
  }
}
