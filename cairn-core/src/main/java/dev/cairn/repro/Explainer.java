package dev.cairn.repro;

import dev.cairn.errors.CairnException;
import dev.cairn.format.PyJson;
import dev.cairn.pipeline.CwdPaths;
import dev.cairn.hash.EntryHash;
import dev.cairn.pipeline.LockEntry;
import dev.cairn.pipeline.LockItem;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.ParamDep;
import dev.cairn.pipeline.ParamsSource;
import dev.cairn.pipeline.RunCache;
import dev.cairn.pipeline.Stage;
import dev.cairn.pipeline.StageStatus;
import dev.cairn.pipeline.StatusChecker;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --explain}: for each planned pipeline stage, whether {@code repro} would run it, restore
 * it from the run-cache, skip it, or run it only if an upstream stage that runs changes its deps,
 * and why: every changed dep, param, output and command with its recorded and current hash or
 * value. Reads the workspace, the lock files and the run-cache; changes nothing.
 */
public final class Explainer {
  /** What {@code repro} would do with a stage. */
  public enum Verdict {
    RUN("run", "will run"),
    RESTORE("restore", "will be restored from the run-cache"),
    AFTER_UPSTREAM("after_upstream", "will run if an upstream stage that runs changes its deps"),
    SKIP("skip", "didn't change, skipping");

    private final String json;
    private final String text;

    Verdict(String json, String text) {
      this.json = json;
      this.text = text;
    }

    /** The verdict's name in {@code --json}. */
    public String json() {
      return json;
    }
  }

  /**
   * One reason: {@code type} is {@code no_lock_entry}, {@code cmd}, {@code always_changed},
   * {@code frozen}, {@code dep}, {@code param} or {@code out}; {@code path} the dep, params file or
   * output (relative to the working directory), {@code key} the param; {@code old} what
   * {@code dvc.lock} records, {@code current} what the workspace holds (a hash, a value, or null
   * for absent); {@code note} {@code deleted}, {@code new}, {@code not in cache} or null.
   */
  public record Reason(String type, String path, String key, Object old, Object current, String note) {
    /** The reason as one line of text. */
    public String text() {
      return switch (type) {
        case "no_lock_entry" -> "no entry in dvc.lock: never ran";
        case "always_changed" -> "always_changed";
        case "frozen" -> "frozen: deps not checked";
        case "cmd" -> "cmd: " + value(old) + " -> " + value(current);
        case "param" -> "param " + path + ":" + key + ": " + value(old) + " -> " + value(current);
        default -> type + " " + path + ": " + value(old) + " -> " + value(current)
            + (note == null ? "" : " (" + note + ")");
      };
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", type);
      if (path != null) {
        m.put("path", path);
      }
      if (key != null) {
        m.put("key", key);
      }
      if (!type.equals("no_lock_entry") && !type.equals("always_changed") && !type.equals("frozen")) {
        m.put("old", old);
        m.put("new", current);
      }
      if (note != null) {
        m.put("note", note);
      }
      return m;
    }

    private static String value(Object v) {
      if (v == null) {
        return "none";
      }
      return v instanceof String s ? s : PyJson.dumpsUnsorted(v);
    }
  }

  /**
   * One stage's explanation.
   *
   * @param address the stage address, relative to the working directory
   * @param upstream for {@link Verdict#AFTER_UPSTREAM}, the stages that run before it and produce its deps
   */
  public record Explanation(String address, Verdict verdict, List<Reason> reasons, List<String> upstream) {
    public Explanation {
      reasons = List.copyOf(reasons);
      upstream = List.copyOf(upstream);
    }
  }

  private Explainer() {}

  /**
   * Explains the stages {@code opts} plans (its targets and scope; {@code noRunCache} is honoured),
   * in the order {@code repro} would take them; {@code .dvc} files are not stages that run and are
   * left out.
   *
   * @param cwd the directory targets and the shown paths are relative to
   */
  public static List<Explanation> explain(Repo repo, ReproOptions opts, Path cwd) throws IOException, CairnException {
    PipelineIndex index = PipelineIndex.load(repo);
    List<Stage> plan = new Reproducer(repo, index, opts, ReproListener.NONE).plan(cwd);
    Path root = repo.root();
    String at = StatusResult.relDir(root, cwd);
    RepoHashes hashes = new RepoHashes(root, repo.hasher(), repo.odb());
    StatusChecker checker = new StatusChecker(root, hashes, new CachedParams(ParamsSource.FILES));
    RunCacheStore runCache = new RunCacheStore(repo.cacheDir());
    Map<String, String> producers = new LinkedHashMap<>();
    List<Explanation> out = new ArrayList<>();
    for (Stage s : plan) {
      if (s.isDataSource()) {
        continue;
      }
      LockEntry lock = index.lockEntry(s);
      StageStatus st = checker.status(s, lock);
      LockEntry current = currentEntry(checker, s);
      List<Reason> reasons = reasons(s, lock, st, current, hashes, root, at);
      Verdict v;
      Set<String> upstream = new LinkedHashSet<>();
      if (lock != null && !st.mustRun()) {
        for (String d : s.deps()) {
          String rp = s.repoPath(d);
          producers.forEach((o, stage) -> {
            if (rp.equals(o) || rp.startsWith(o + "/") || o.startsWith(rp + "/")) {
              upstream.add(stage);
            }
          });
        }
        v = upstream.isEmpty() ? Verdict.SKIP : Verdict.AFTER_UPSTREAM;
      } else if (lock != null && restorable(s, lock, st, current, hashes, runCache, opts.noRunCache())) {
        v = Verdict.RESTORE;
      } else {
        v = Verdict.RUN;
      }
      if (v != Verdict.SKIP) {
        for (Out o : s.outs()) {
          producers.put(s.repoPath(o.path()), CwdPaths.address(s, at));
        }
      }
      out.add(new Explanation(CwdPaths.address(s, at), v, reasons, new ArrayList<>(upstream)));
    }
    return out;
  }

  private static LockEntry currentEntry(StatusChecker checker, Stage s) throws IOException {
    try {
      return checker.currentEntry(s, false);
    } catch (CairnException e) {
      return null; // a dep or params file is missing: its reason says so
    }
  }

  private static List<Reason> reasons(Stage s, LockEntry lock, StageStatus st, LockEntry current, RepoHashes hashes,
      Path root, String at) throws IOException {
    List<Reason> out = new ArrayList<>();
    if (lock == null) {
      out.add(new Reason("no_lock_entry", null, null, null, null, null));
      return out;
    }
    if (st.commandChanged()) {
      out.add(new Reason("cmd", null, null, lock.cmd(), s.lockCmd(), null));
    }
    if (st.alwaysChanged()) {
      out.add(new Reason("always_changed", null, null, null, null, null));
    }
    if (st.frozen()) {
      out.add(new Reason("frozen", null, null, null, null, null));
    }
    for (String d : s.deps()) {
      String rp = s.repoPath(d);
      Object status = st.changedDeps().get(rp);
      if (status != null) {
        LockItem rec = lock.dep(d);
        LockItem cur = current == null ? null : current.dep(d);
        Object now = cur != null ? hashValue(cur.hash()) : hashValue(hashes.hash(root.resolve(rp), false));
        out.add(new Reason("dep", CwdPaths.relative(rp, at), null, rec == null ? null : hashValue(rec.hash()), now,
            status.equals("modified") ? null : String.valueOf(status)));
      }
    }
    for (ParamDep p : s.params()) {
      String rp = s.repoPath(p);
      Object status = st.changedDeps().get(rp);
      if (status == null) {
        continue;
      }
      Map<String, Object> was = lock.params().get(p.file());
      Map<String, Object> now = current == null ? null : current.params().get(p.file());
      if (status instanceof Map<?, ?> keys) {
        for (Object k : keys.keySet()) {
          out.add(new Reason("param", CwdPaths.relative(rp, at), String.valueOf(k),
              was == null ? null : was.get(String.valueOf(k)), now == null ? null : now.get(String.valueOf(k)),
              null));
        }
      } else {
        out.add(new Reason("dep", CwdPaths.relative(rp, at), null, null, null, String.valueOf(status)));
      }
    }
    for (Out o : s.outs()) {
      String rp = s.repoPath(o.path());
      String status = st.changedOuts().get(rp);
      if (status != null) {
        LockItem rec = lock.out(o.path());
        Object now = status.equals("not in cache") ? null : hashValue(hashes.hash(root.resolve(rp), false));
        out.add(new Reason("out", CwdPaths.relative(rp, at), null, rec == null ? null : hashValue(rec.hash()),
            status.equals("not in cache") ? hashValue(rec == null ? null : rec.hash()) : now,
            status.equals("modified") ? null : status));
      }
    }
    return out;
  }

  private static String hashValue(EntryHash h) {
    return h == null ? null : h.value();
  }

  /** As {@code repro} decides: the stage's own entry when only outputs changed, else the run-cache. */
  private static boolean restorable(Stage s, LockEntry lock, StageStatus st, LockEntry current, RepoHashes hashes,
      RunCacheStore runCache, boolean noRunCache) throws IOException {
    if (s.alwaysChanged() || s.isCallback() || s.cmd().isEmpty() || s.outs().isEmpty()
        || (s.deps().isEmpty() && s.params().isEmpty()) || current == null) {
      return false;
    }
    LockEntry cached = null;
    if (!st.commandChanged() && st.changedDeps().isEmpty()) {
      cached = lock;
    } else if (!noRunCache && RunCache.eligible(s, current)) {
      cached = runCache.load(current);
    }
    if (cached == null) {
      return false;
    }
    for (Out o : s.outs()) {
      LockItem item = cached.out(o.path());
      if (item == null || item.hash() == null || !hashes.inCache(item.hash(), item.legacy())) {
        return false;
      }
    }
    return true;
  }

  /** The text of {@code --explain}: per stage one line, then its reasons indented by a tab. */
  public static String render(List<Explanation> explanations) {
    if (explanations.isEmpty()) {
      return "No pipeline stages to explain.\n";
    }
    StringBuilder sb = new StringBuilder();
    for (Explanation e : explanations) {
      sb.append("Stage '").append(e.address()).append("' ");
      if (e.verdict() == Verdict.AFTER_UPSTREAM) {
        sb.append("will run if running ").append(String.join(", ", e.upstream().stream().map(u -> "'" + u + "'")
            .toList())).append(" changes its deps");
      } else {
        sb.append(e.verdict().text);
      }
      sb.append(e.reasons().isEmpty() ? "\n" : ":\n");
      for (Reason r : e.reasons()) {
        sb.append('\t').append(r.text()).append('\n');
      }
    }
    return sb.toString();
  }

  /** {@code --json}: {@code {address: {"verdict": …, "reasons": [...], "upstream": [...]}}}. */
  public static Map<String, Object> toJson(List<Explanation> explanations) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Explanation e : explanations) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("verdict", e.verdict().json());
      m.put("reasons", e.reasons().stream().map(Reason::toJson).toList());
      if (!e.upstream().isEmpty()) {
        m.put("upstream", e.upstream());
      }
      out.put(e.address(), m);
    }
    return out;
  }
}
