package dev.cairn.repro;

import dev.cairn.errors.CairnException;
import dev.cairn.pipeline.Dag;
import dev.cairn.pipeline.Stage;
import dev.cairn.pipeline.StageStatus;
import dev.cairn.progress.ProgressMonitor;
import dev.cairn.repo.Repo;
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
 * What {@code status} found.
 *
 * @param changes owner → DVC's list of change groups (maps and strings), only changed owners
 * @param hashedBytes bytes read to hash files (0 on a tree nobody touched)
 * @param stateHits state-cache lookups that avoided reading a file
 */
public record StatusResult(Map<String, List<Object>> changes, long hashedBytes, long stateHits) {
  /** Whether nothing changed. */
  public boolean isClean() {
    return changes.isEmpty();
  }

  /**
   * What differs between the workspace and the hashes recorded in {@code .dvc} files and {@code
   * dvc.lock}, in DVC's shape: {@code .dvc} outputs first, then stages in graph order. Unchanged
   * files are answered from the state cache.
   */
  public static StatusResult of(Repo repo, List<Path> targets, ProgressMonitor monitor)
      throws IOException, CairnException {
    return of(repo, targets, false, monitor);
  }

  /**
   * {@link #of(Repo, List, ProgressMonitor)}; with {@code withDeps} ({@code status --with-deps}) the
   * stages a targeted stage depends on, directly or not, and the {@code .dvc} files whose outputs
   * they read, are reported too.
   */
  public static StatusResult of(Repo repo, List<Path> targets, boolean withDeps, ProgressMonitor monitor)
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
    List<Tracked> all = new TrackedCollector(repo.root(), new DvcIgnore(repo.root())).outputs();
    List<Tracked> tracked = split.onlyStages(targets) ? List.of() : Targets.select(repo, all, fileTargets);
    if (withDeps && !targets.isEmpty() && !stages.isEmpty()) {
      List<String> upstream = new ArrayList<>();
      for (Stage s : index.dag().plan(stages, Dag.Scope.UPSTREAM)) {
        upstream.add(s.address());
        for (String d : s.deps()) {
          Path dep = repo.root().resolve(s.repoPath(d)).normalize();
          for (Tracked t : all) {
            if ((dep.startsWith(t.path()) || t.path().startsWith(dep)) && !tracked.contains(t)) {
              tracked = new ArrayList<>(tracked);
              tracked.add(t);
            }
          }
        }
      }
      stages.clear();
      stages.addAll(upstream);
    }
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
}
