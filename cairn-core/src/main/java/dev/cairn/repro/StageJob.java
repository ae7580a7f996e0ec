package dev.cairn.repro;

import dev.cairn.errors.CairnException;
import dev.cairn.odb.LinkType;
import dev.cairn.pipeline.CwdPaths;
import dev.cairn.odb.ObjectDb;
import dev.cairn.pipeline.LockEntry;
import dev.cairn.pipeline.LockItem;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.RunCache;
import dev.cairn.pipeline.Stage;
import dev.cairn.pipeline.StageStatus;
import dev.cairn.pipeline.StatusChecker;
import dev.cairn.progress.NullProgressMonitor;
import dev.cairn.workspace.CacheCommitter;
import dev.cairn.workspace.Checkouter;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.GitIgnores;
import dev.cairn.workspace.OutputStatus;
import dev.cairn.hash.EntryHash;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.WorkspaceHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reproduces one stage (reference §6.2 "Running one stage"): decide, remove outputs, try the
 * run-cache, run the commands, then hash, commit, save the run-cache entry and hand the lock entry
 * in. One instance per run; {@link #run} is called from worker threads, one stage at a time each;
 * everything that hashes or links runs under the hasher's monitor.
 */
final class StageJob {
  /** What {@link #run} produced: the outcome and the lock entry to record (or null). */
  record Result(StageOutcome outcome, LockEntry entry) {}

  /** A command exited with a non-zero code. */
  static final class CommandFailed extends Exception {
    private static final long serialVersionUID = 1L;
    final int exitCode;

    CommandFailed(String cmd, int exitCode) {
      super("command exited with code " + exitCode + ": " + cmd);
      this.exitCode = exitCode;
    }
  }

  private final Path root;
  private final ReproOptions opts;
  private final ReproListener listener;
  private final StatusChecker checker;
  private final RepoHashes hashes;
  private final ObjectDb odb;
  private final WorkspaceHasher hasher;
  private final List<LinkType> linkTypes;
  private final CommandRunner runner;
  private final RunCacheStore runCache;
  private final GitIgnores gitIgnores;
  private final String cwd;
  /** The parsed {@code .dvc} files of the data-source stages of the plan, by address. */
  private volatile Map<String, DvcFile> dataSources = Map.of();
  /** For {@code --allow-missing}: repo path → md5 recorded for it as an output in any lock entry. */
  private volatile Map<String, String> recordedOuts = Map.of();

  StageJob(Path root, ReproOptions opts, ReproListener listener, StatusChecker checker, RepoHashes hashes,
      ObjectDb odb, WorkspaceHasher hasher, List<LinkType> linkTypes, CommandRunner runner, RunCacheStore runCache,
      GitIgnores gitIgnores, String cwd) {
    this.cwd = cwd;
    this.root = root;
    this.opts = opts;
    this.listener = listener;
    this.checker = checker;
    this.hashes = hashes;
    this.odb = odb;
    this.hasher = hasher;
    this.linkTypes = linkTypes;
    this.runner = runner;
    this.runCache = runCache;
    this.gitIgnores = gitIgnores;
  }

  /** The {@code .dvc} files of the plan's data-source stages, by address. */
  void dataSources(Map<String, DvcFile> files) {
    this.dataSources = Map.copyOf(files);
  }

  /** The stage's address as shown from the working directory ({@code ../dvc.yaml:prepare}). */
  String shown(Stage s) {
    return CwdPaths.address(s, cwd);
  }

  /** The outputs every lock entry records, for {@code --allow-missing}'s upstream check. */
  void recordedOutputs(Map<String, String> outs) {
    this.recordedOuts = Map.copyOf(outs);
  }

  /**
   * Whether the stage runs. With {@code --allow-missing}, missing outputs ({@code deleted}, {@code not
   * in cache}) and deleted deps do not count, unless a deleted dep's recorded hash differs from the
   * one the producing stage's lock entry records for it (then the data did change upstream).
   */
  private boolean mustRun(Stage s, StageStatus st, LockEntry old) {
    if (!opts.allowMissing()) {
      return st.mustRun();
    }
    if (st.commandChanged() || (!st.frozen() && st.alwaysChanged())) {
      return true;
    }
    for (String v : st.changedOuts().values()) {
      if (!v.equals("deleted") && !v.equals("not in cache")) {
        return true;
      }
    }
    if (st.frozen()) {
      return false;
    }
    for (Map.Entry<String, Object> e : st.changedDeps().entrySet()) {
      if (!"deleted".equals(e.getValue())) {
        return true;
      }
      String produced = recordedOuts.get(e.getKey());
      if (produced != null) {
        String mine = null;
        for (String d : s.deps()) {
          if (s.repoPath(d).equals(e.getKey()) && old != null && old.dep(d) != null && old.dep(d).hash() != null) {
            mine = old.dep(d).hash().value();
          }
        }
        if (!produced.equals(mine)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A {@code .dvc} file as DVC reproduces it: unchanged outputs are skipped ({@code 'data/x.dvc'
   * didn't change, skipping}); changed ones are verified, committed to the cache and recorded in the
   * file, as {@code cairn commit} would. With {@code --allow-missing} a missing output is no change.
   */
  private Result dataSource(Stage s, boolean forced) throws IOException, CairnException {
    String a = shown(s);
    DvcFile file = dataSources.get(s.address());
    List<Tracked> outs = new ArrayList<>();
    for (Map<String, Object> o : file.outs()) {
      outs.add(new Tracked(s.address(), file.file(), file, o,
          file.baseDir().resolve(String.valueOf(o.get("path"))).normalize()));
    }
    boolean changed = forced;
    synchronized (hasher) {
      for (Tracked t : outs) {
        String st = OutputStatus.of(t, odb, hasher, NullProgressMonitor.INSTANCE);
        if (st != null && !(opts.allowMissing()
            && (st.equals(OutputStatus.DELETED) || st.equals(OutputStatus.NOT_IN_CACHE)))) {
          changed = true;
        }
      }
    }
    if (!changed) {
      listener.message(a, "'" + a + "' didn't change, skipping");
      return new Result(StageOutcome.of(a, StageOutcome.Kind.UNCHANGED), null);
    }
    if (opts.dry()) {
      return new Result(StageOutcome.of(a, StageOutcome.Kind.DRY), null);
    }
    listener.message(a, "Verifying data sources in stage: '" + a + "'");
    List<String> missing = new ArrayList<>();
    for (Tracked t : outs) {
      if (!Files.exists(t.path(), LinkOption.NOFOLLOW_LINKS)) {
        missing.add(CwdPaths.relative(root.relativize(t.path()).toString().replace('\\', '/'), cwd));
      }
    }
    if (!missing.isEmpty()) {
      throw CairnException.failed("missing data 'source': " + String.join(", ", missing), null);
    }
    if (file.hasDeps()) {
      throw CairnException.failed("'" + a + "' is an import, which cairn does not update", null);
    }
    if (!opts.noCommit()) {
      synchronized (hasher) {
        CacheCommitter committer = new CacheCommitter(odb, hasher, linkTypes);
        boolean touched = false;
        for (Tracked t : outs) {
          EntryHash h = t.output().cache() ? committer.commit(t.path(), NullProgressMonitor.INSTANCE)
              : hasher.hash(t.path(), NullProgressMonitor.INSTANCE);
          if (!h.value().equals(String.valueOf(t.entry().get("md5"))) || !"md5".equals(t.entry().get("hash"))) {
            DvcFile.setHash(t.entry(), h);
            touched = true;
          }
          if (t.output().cache() && t.path().startsWith(root)) {
            gitIgnores.ignore(t.path());
          }
        }
        if (touched) {
          file.write();
        }
      }
    }
    return new Result(StageOutcome.of(a, StageOutcome.Kind.VERIFIED), null);
  }

  private Path abs(Stage s, String path) {
    return root.resolve(s.repoPath(path)).normalize();
  }

  /**
   * Reproduces the stage if it must run.
   *
   * @param forced run even if unchanged and skip the run-cache ({@code -f}, or {@code
   *     --force-downstream} below a stage that ran)
   */
  Result run(Stage s, LockEntry old, boolean forced)
      throws IOException, CairnException, InterruptedException, CommandFailed {
    if (s.isDataSource()) {
      return dataSource(s, forced);
    }
    String a = shown(s);
    StageStatus status;
    synchronized (hasher) {
      status = checker.status(s, old);
    }
    if (!forced && !mustRun(s, status, old)) {
      listener.message(a, "Stage '" + a + "' didn't change, skipping");
      return new Result(StageOutcome.of(a, StageOutcome.Kind.UNCHANGED), null);
    }
    if (s.frozen()) {
      if (opts.dry()) {
        return new Result(StageOutcome.of(a, StageOutcome.Kind.DRY), null);
      }
      listener.message(a, "Verifying outputs in frozen stage: '" + a + "'");
      List<String> missing = new ArrayList<>();
      for (Out o : s.outs()) {
        if (!Files.exists(abs(s, o.path()), LinkOption.NOFOLLOW_LINKS)) {
          missing.add(s.repoPath(o.path()));
        }
      }
      if (!missing.isEmpty()) {
        throw CairnException.failed("missing outputs: " + String.join(", ", missing), null);
      }
      return new Result(StageOutcome.of(a, StageOutcome.Kind.VERIFIED), saveLocked(s));
    }
    if (opts.dry()) {
      announce(s);
      return new Result(StageOutcome.of(a, StageOutcome.Kind.DRY), null);
    }
    removeOutputs(s);
    boolean restored;
    synchronized (hasher) {
      restored = !forced && restore(s, old, status);
    }
    if (restored) {
      return new Result(StageOutcome.of(a, StageOutcome.Kind.CACHED), saveLocked(s));
    }
    announce(s);
    Path cwd = root.resolve(s.repoPath("."));
    if (!Files.isDirectory(cwd)) {
      throw CairnException.failed("working directory '" + s.repoPath(".") + "' does not exist", null);
    }
    for (String line : s.commands()) {
      int code = runner.run(line, cwd, root, a, listener);
      if (code != 0) {
        throw new CommandFailed(line, code);
      }
    }
    return new Result(StageOutcome.of(a, StageOutcome.Kind.RAN), saveLocked(s));
  }

  /**
   * The workspace hasher, its state cache and {@code .dvcignore} rules are not safe for concurrent
   * use, so stages hash, check out and commit one at a time; only their commands run in parallel.
   */
  private LockEntry saveLocked(Stage s) throws IOException, CairnException {
    synchronized (hasher) {
      return save(s);
    }
  }

  private void announce(Stage s) {
    String a = shown(s);
    listener.message(a, "Running stage '" + a + "':");
    for (String line : s.commands()) {
      listener.message(a, "> " + line);
    }
  }

  /** Deletes the outputs before a run; {@code persist} outputs are kept and only unprotected. */
  private void removeOutputs(Stage s) throws IOException {
    for (Out o : s.outs()) {
      Path p = abs(s, o.path());
      if (o.persist()) {
        Unprotect.tree(p);
      } else {
        Unprotect.delete(p);
      }
    }
  }

  /**
   * Run-cache restore (reference §6.4): the stage's own lock entry when only outputs changed, else
   * the newest run-cache entry for the current deps; every output object must be in the cache.
   */
  private boolean restore(Stage s, LockEntry old, StageStatus status) throws IOException, CairnException {
    if (!canHash(s)) {
      return false;
    }
    LockEntry cached = null;
    if (old != null && !status.commandChanged() && status.changedDeps().isEmpty() && allOutsHashed(s, old)) {
      cached = old;
    } else if (!opts.noRunCache()) {
      LockEntry current = checker.currentEntry(s, false);
      if (!RunCache.eligible(s, current)) {
        return false;
      }
      cached = runCache.load(current);
    }
    if (cached == null) {
      return false;
    }
    List<Tracked> outs = new ArrayList<>();
    for (Out o : s.outs()) {
      LockItem item = cached.out(o.path());
      if (item == null || item.hash() == null || !hashes.inCache(item.hash(), item.legacy())) {
        return false;
      }
      outs.add(LockedOutputs.tracked(root, s, item, null));
    }
    listener.message(shown(s), "Stage '" + shown(s) + "' is cached - skipping run, checking out outputs");
    new Checkouter(root, odb, hasher, linkTypes, true, false).checkout(outs, NullProgressMonitor.INSTANCE);
    return true;
  }

  private boolean canHash(Stage s) {
    if (s.alwaysChanged() || s.isCallback() || s.cmd().isEmpty() || s.outs().isEmpty()
        || (s.deps().isEmpty() && s.params().isEmpty())) {
      return false;
    }
    for (Out o : s.outs()) {
      String rp = s.repoPath(o.path());
      if (o.persist() || rp.startsWith("..") || rp.startsWith("/") || o.path().contains("://")) {
        return false;
      }
    }
    for (String d : s.deps()) {
      if (d.contains("://") || !Files.exists(abs(s, d))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allOutsHashed(Stage s, LockEntry e) {
    for (Out o : s.outs()) {
      LockItem i = e.out(o.path());
      if (i == null || i.hash() == null || i.hash().value() == null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Hashes deps and outs into the new lock entry, commits cached outputs (unless {@code
   * --no-commit}) and saves the run-cache entry when the stage qualifies.
   */
  private LockEntry save(Stage s) throws IOException, CairnException {
    LockEntry entry = checker.currentEntry(s, true);
    if (opts.noCommit()) {
      return entry;
    }
    CacheCommitter committer = new CacheCommitter(odb, hasher, linkTypes);
    for (Out o : s.outs()) {
      if (o.cache()) {
        Path p = abs(s, o.path());
        committer.commit(p, NullProgressMonitor.INSTANCE);
        if (p.startsWith(root)) {
          gitIgnores.ignore(p);
        }
      }
    }
    if (RunCache.shouldSave(s) && RunCache.eligible(s, entry)) {
      CacheCommitter copyOnly = new CacheCommitter(odb, hasher, List.of(LinkType.COPY));
      for (Out o : s.outs()) {
        if (!o.cache()) {
          copyOnly.commit(abs(s, o.path()), NullProgressMonitor.INSTANCE);
        }
      }
      runCache.save(entry);
    }
    return entry;
  }
}
