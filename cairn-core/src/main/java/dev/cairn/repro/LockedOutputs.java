package dev.cairn.repro;

import dev.cairn.errors.CairnException;
import dev.cairn.odb.MissingObjectException;
import dev.cairn.pipeline.LockEntry;
import dev.cairn.pipeline.LockFile;
import dev.cairn.pipeline.LockItem;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.ParamsSource;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.Stage;
import dev.cairn.pipeline.StatusChecker;
import dev.cairn.progress.ProgressMonitor;
import dev.cairn.repo.Repo;
import dev.cairn.workspace.CacheCommitter;
import dev.cairn.workspace.Checkouter;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipeline outputs recorded in {@code dvc.lock}, for {@code checkout} and {@code commit}: as {@link
 * Tracked} records (owner = stage address, file = the lock file), and re-recording stages from the
 * workspace without running them.
 */
public final class LockedOutputs {
  private LockedOutputs() {}

  /**
   * The recorded outputs of the given stages (every stage when {@code addresses} is empty) that have
   * a hash, in every {@code dvc.lock} of the workspace. The {@code dvc.yaml} flags are carried
   * over: {@code cache: false} (so checkout leaves them alone), {@code push: false} and {@code
   * remote}.
   */
  public static List<Tracked> tracked(Repo repo, PipelineIndex index, List<String> addresses) {
    List<Tracked> out = new ArrayList<>();
    for (Stage s : stages(index, addresses)) {
      addRecorded(repo.root(), s, index.lockEntry(s), out);
    }
    return out;
  }

  /**
   * The recorded outputs of one pipeline with the lock file beside it, as {@link #tracked(Repo,
   * PipelineIndex, List)} gives them for the workspace; for a {@code dvc.yaml} and {@code dvc.lock}
   * read from elsewhere (a Git revision). Paths are resolved against {@code root} with each stage's
   * directory and {@code wdir}.
   */
  public static List<Tracked> tracked(Path root, Pipeline pipeline, LockFile lock) {
    List<Tracked> out = new ArrayList<>();
    for (Stage s : pipeline.stages()) {
      addRecorded(root, s, lock.entry(s.name()).orElse(null), out);
    }
    return out;
  }

  private static void addRecorded(Path root, Stage s, LockEntry e, List<Tracked> out) {
    if (e == null) {
      return;
    }
    for (Out o : s.outs()) {
      LockItem item = e.out(o.path());
      if (item == null || item.hash() == null || item.hash().value() == null) {
        continue;
      }
      out.add(tracked(root, s, item, o));
    }
  }

  /**
   * A lock item as a {@link Tracked} output of its stage: the {@code .dvc}-style entry map ({@code
   * md5, size, nfiles, isexec, hash, path}, plus {@code cache: false}, {@code push: false} and
   * {@code remote} from the output's declaration when given).
   */
  static Tracked tracked(Path root, Stage s, LockItem item, Out decl) {
    Map<String, Object> m = DvcFile.outEntry(item.path(), item.hash(), item.legacy());
    if (decl != null && !decl.cache()) {
      m.put("cache", false);
    }
    if (decl != null && !decl.push()) {
      m.put("push", false);
    }
    if (decl != null && decl.remote() != null) {
      m.put("remote", decl.remote());
    }
    return new Tracked(s.address(), PipelineIndex.lockPath(root, s.dvcfileDir()), null, m,
        root.resolve(s.repoPath(item.path())).normalize());
  }

  private static List<Stage> stages(PipelineIndex index, List<String> addresses) {
    if (addresses.isEmpty()) {
      return index.dag().stages();
    }
    List<Stage> out = new ArrayList<>();
    for (String a : addresses) {
      out.add(index.dag().stage(a));
    }
    return out;
  }

  /**
   * {@code commit} for pipeline stages: hashes deps, params and outs as they are now, stores cached
   * outputs in the cache and rewrites each stage's lock entry that changed (never runs commands).
   *
   * @return the lock files rewritten, repo-relative
   * @param addresses the stages to commit; empty for every stage whose deps and outputs all exist
   * @throws CairnException if a dep or output of a named stage does not exist
   */
  public static List<String> commit(Repo repo, PipelineIndex index, List<String> addresses, ProgressMonitor monitor)
      throws IOException, CairnException {
    Path root = repo.root();
    StatusChecker checker = new StatusChecker(root, new RepoHashes(root, repo.hasher(), repo.odb()),
        new CachedParams(ParamsSource.FILES));
    CacheCommitter committer = new CacheCommitter(repo.odb(), repo.hasher(), repo.linkTypes());
    Map<String, LockFile> updated = new LinkedHashMap<>();
    for (Stage s : stages(index, addresses)) {
      if (addresses.isEmpty() && !complete(root, s)) {
        continue; // without targets, stages that never produced their outputs are left alone
      }
      LockEntry now = checker.currentEntry(s, true);
      for (Out o : s.outs()) {
        if (o.cache()) {
          committer.commit(root.resolve(s.repoPath(o.path())).normalize(), monitor);
        }
      }
      LockEntry old = index.lockEntry(s);
      if (old == null || !old.toMap().equals(now.toMap())) {
        LockFile lf = updated.getOrDefault(s.dvcfileDir(), index.lock(s.dvcfileDir()));
        updated.put(s.dvcfileDir(), lf.with(s.name(), now));
      }
    }
    List<String> files = new ArrayList<>();
    if (updated.isEmpty()) {
      return files;
    }
    for (Map.Entry<String, LockFile> e : updated.entrySet()) {
      Path f = PipelineIndex.lockPath(root, e.getKey());
      e.getValue().write(f);
      files.add(repo.relativize(f));
    }
    return files;
  }

  private static boolean complete(Path root, Stage s) {
    for (String d : s.deps()) {
      if (!java.nio.file.Files.exists(root.resolve(s.repoPath(d)))) {
        return false;
      }
    }
    for (Out o : s.outs()) {
      if (!java.nio.file.Files.exists(root.resolve(s.repoPath(o.path())))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Makes the selected outputs ({@code .dvc} outputs and the cached outputs {@code dvc.lock}
   * records; all of them without targets) match their recorded hashes.
   *
   * @param force discard workspace changes that are not in the cache
   * @param relink recreate links even for unchanged outputs
   * @throws CairnException of kind {@code FAILED} when an object is missing from the cache
   */
  public static Checkouter.Changes checkout(Repo repo, List<Path> targets, boolean force, boolean relink,
      ProgressMonitor monitor) throws IOException, CairnException {
    PipelineIndex index = PipelineIndex.load(repo);
    StageTargets split = StageTargets.split(repo, index, targets);
    List<Tracked> selected = new ArrayList<>();
    if (!split.onlyStages(targets)) {
      List<Tracked> all = new ArrayList<>(new TrackedCollector(repo.root(), new DvcIgnore(repo.root())).outputs());
      all.addAll(LockedOutputs.tracked(repo, index, List.of()));
      selected.addAll(Targets.select(repo, all, split.paths()));
    }
    for (Tracked t : LockedOutputs.tracked(repo, index, split.stages())) {
      if (!split.stages().isEmpty() && !selected.contains(t)) {
        selected.add(t);
      }
    }
    try {
      return new Checkouter(repo.root(), repo.odb(), repo.hasher(), repo.linkTypes(), force, relink)
          .checkout(selected, monitor);
    } catch (MissingObjectException e) {
      throw CairnException.failed(e.getMessage(), e);
    }
  }
}
