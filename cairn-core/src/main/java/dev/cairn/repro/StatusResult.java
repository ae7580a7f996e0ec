package dev.cairn.repro;

import dev.cairn.errors.CairnException;
import dev.cairn.pipeline.CwdPaths;
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

  /** {@link #of(Repo, List, Path, boolean, ProgressMonitor)} from the repository root, without deps. */
  public static StatusResult of(Repo repo, List<Path> targets, ProgressMonitor monitor)
      throws IOException, CairnException {
    return of(repo, targets, repo.root(), false, monitor);
  }

  /**
   * What differs between the workspace and the hashes recorded in {@code .dvc} files and {@code
   * dvc.lock}, in DVC's shape: pipeline stages in graph order, then {@code .dvc} files by path. As in
   * DVC, stage addresses, {@code .dvc} files and the paths of deps and outputs are relative to {@code
   * cwd} ({@code ../dvc.yaml:prepare}). Unchanged files are answered from the state cache. With
   * {@code withDeps} ({@code status --with-deps}) the stages a targeted stage depends on, directly or
   * not, and the {@code .dvc} files whose outputs they read, are reported too.
   *
   * @param cwd the directory the command runs in, inside the repository
   */
  public static StatusResult of(Repo repo, List<Path> targets, Path cwd, boolean withDeps, ProgressMonitor monitor)
      throws IOException, CairnException {
    return of(repo, targets, cwd, withDeps, new TrackedCollector(repo.root(), new DvcIgnore(repo.root())).outputs(),
        monitor);
  }

  /**
   * {@link #of(Repo, List, Path, boolean, ProgressMonitor)} over the {@code .dvc} outputs a caller
   * has already collected with {@link TrackedCollector} (one walk of the workspace for both).
   */
  public static StatusResult of(Repo repo, List<Path> targets, Path cwd, boolean withDeps, List<Tracked> all,
      ProgressMonitor monitor) throws IOException, CairnException {
    String at = relDir(repo.root(), cwd);
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
    Path root = repo.root().toAbsolutePath().normalize();
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
        String path = root.relativize(t.path().toAbsolutePath().normalize()).toString().replace('\\', '/');
        outs.computeIfAbsent(CwdPaths.relative(t.owner(), at), k -> new LinkedHashMap<>())
            .put(CwdPaths.relative(path, at), s);
      }
    }
    repo.state().flush();
    Map<String, List<Object>> changes = new LinkedHashMap<>();
    for (StageStatus st : PipelineStatus.of(repo, index, stages)) {
      if (!st.isEmpty()) {
        changes.put(CwdPaths.address(index.dag().stage(st.address()), at), relative(st, at).toJson());
      }
    }
    for (Map.Entry<String, Map<String, String>> e : outs.entrySet()) {
      changes.put(e.getKey(), List.of(Map.of("changed outs", e.getValue())));
    }
    repo.state().flush();
    return new StatusResult(changes, repo.hasher().bytesRead() - bytesBefore, repo.state().hits() - hitsBefore);
  }

  /** The repo-relative directory of {@code cwd} ({@code ""} for the root or outside the repository). */
  public static String relDir(Path root, Path cwd) {
    Path r = root.toAbsolutePath().normalize();
    Path c = cwd.toAbsolutePath().normalize();
    return c.startsWith(r) ? r.relativize(c).toString().replace('\\', '/') : "";
  }

  /** The status with its dep and output paths relative to {@code cwd}. */
  private static StageStatus relative(StageStatus st, String cwd) {
    Map<String, Object> deps = new LinkedHashMap<>();
    st.changedDeps().forEach((k, v) -> deps.put(CwdPaths.relative(k, cwd), v));
    Map<String, String> outs = new LinkedHashMap<>();
    st.changedOuts().forEach((k, v) -> outs.put(CwdPaths.relative(k, cwd), v));
    return new StageStatus(st.address(), deps, outs, st.alwaysChanged(), st.commandChanged(), st.frozen());
  }
}
