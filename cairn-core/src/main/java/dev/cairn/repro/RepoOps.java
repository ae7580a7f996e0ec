package dev.cairn.repro;

import dev.cairn.errors.CairnException;
import dev.cairn.odb.MissingObjectException;
import dev.cairn.pipeline.StageStatus;
import dev.cairn.progress.ProgressMonitor;
import dev.cairn.repo.Repo;
import dev.cairn.workspace.Checkouter;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.OutputStatus;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code repro}, {@code status} and {@code checkout} over an open repository, without the lock:
 * the porcelain's commands run them through {@link dev.cairn.repo.RepoTask}, and so does the
 * experiment runner in its temporary workspaces. Targets are relative to the repository root or
 * absolute; they may name outputs, {@code .dvc} files, stages or {@code dvc.yaml} files.
 */
public final class RepoOps {
  private RepoOps() {}

  /**
   * Brings the planned stages up to date (see {@link Reproducer}).
   *
   * @param cwd the directory targets are relative to and whose {@code dvc.yaml} is the default
   * @throws StageFailedException after the run when a stage failed, naming the first failure
   * @throws CairnException of kind {@code INVALID_INPUT} when there is no {@code dvc.yaml}, and as
   *     {@link dev.cairn.pipeline.PipelineException} for an invalid pipeline or unknown targets
   */
  public static ReproResult reproduce(Repo repo, ReproOptions opts, Path cwd, ReproListener listener)
      throws IOException, CairnException {
    PipelineIndex index = PipelineIndex.load(repo);
    if (index.isEmpty()) {
      throw CairnException.invalidInput("No dvc.yaml in " + repo.root() + "; add a stage with 'cairn stage add'");
    }
    ReproResult r = new Reproducer(repo, index, opts, listener).run(cwd);
    List<StageOutcome> failures = r.failures();
    if (!failures.isEmpty()) {
      StageOutcome f = failures.get(0);
      String more = failures.size() > 1 ? " (and " + (failures.size() - 1) + " more failed stage"
          + (failures.size() > 2 ? "s" : "") + ")" : "";
      throw new StageFailedException("failed to reproduce '" + f.stage() + "': " + f.detail() + more, r);
    }
    return r;
  }

  /**
   * What differs between the workspace and the hashes recorded in {@code .dvc} files and {@code
   * dvc.lock}, in DVC's shape: {@code .dvc} outputs first, then stages in graph order. Unchanged
   * files are answered from the state cache.
   */
  public static StatusResult status(Repo repo, List<Path> targets, ProgressMonitor monitor)
      throws IOException, CairnException {
    long bytesBefore = repo.hasher().bytesRead();
    long hitsBefore = repo.state().hits();
    PipelineIndex index = PipelineIndex.load(repo);
    StageTargets split = StageTargets.split(repo, index, targets);
    List<Path> fileTargets = split.paths();
    List<String> stages = new ArrayList<>(split.stages());
    if (targets.isEmpty()) {
      index.dag().stages().forEach(s -> stages.add(s.address()));
    }
    Map<String, Map<String, String>> outs = new LinkedHashMap<>();
    List<Tracked> tracked = split.onlyStages(targets) ? List.of()
        : Targets.select(repo, new TrackedCollector(repo.root(), new DvcIgnore(repo.root())).outputs(), fileTargets);
    for (Tracked t : tracked) {
      String s = OutputStatus.of(t, repo.odb(), repo.hasher(), monitor);
      if (s != null) {
        outs.computeIfAbsent(t.owner(), k -> new LinkedHashMap<>()).put(t.output().path(), s);
      }
    }
    repo.state().flush();
    Map<String, List<Object>> changes = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> e : outs.entrySet()) {
      changes.put(e.getKey(), List.of(Map.of("changed outs", e.getValue())));
    }
    for (StageStatus st : PipelineStatus.of(repo, index, stages)) {
      if (!st.isEmpty()) {
        changes.put(st.address(), st.toJson());
      }
    }
    repo.state().flush();
    return new StatusResult(changes, repo.hasher().bytesRead() - bytesBefore, repo.state().hits() - hitsBefore);
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
