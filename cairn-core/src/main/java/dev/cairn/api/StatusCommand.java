package dev.cairn.api;

import dev.cairn.pipeline.StageStatus;
import dev.cairn.repro.PipelineIndex;
import dev.cairn.repro.PipelineStatus;
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
 * {@code status}: what differs between the workspace and the hashes recorded in {@code .dvc}
 * files and {@code dvc.lock}, in DVC's shape: {@code {"data.dvc": [{"changed outs": {"data":
 * "modified"}}], "train": [{"changed deps": {"params.yaml": {"lr": "modified"}}}, "changed
 * command"]}}. {@code .dvc} outputs come first, then pipeline stages in graph order. Unchanged files
 * are answered from the state cache without reading their contents. Targets may be outputs, {@code
 * .dvc} files, stage names ({@code train}, {@code dvc.yaml:train}) or {@code dvc.yaml} files.
 */
public final class StatusCommand extends RepoCommand<StatusCommand.StatusResult> {
  private final List<Path> targets = new ArrayList<>();

  StatusCommand(Repo repo) {
    super(repo);
  }

  /**
   * The result.
   *
   * @param changes owner → DVC's list of change groups (maps and strings), only changed owners
   * @param hashedBytes bytes read to hash files (0 on a tree nobody touched)
   * @param stateHits state-cache lookups that avoided reading a file
   */
  public record StatusResult(Map<String, List<Object>> changes, long hashedBytes, long stateHits) {
    public boolean isClean() {
      return changes.isEmpty();
    }
  }

  /** Limits status to these outputs or {@code .dvc} files. */
  public StatusCommand addTarget(Path p) {
    targets.add(p);
    return this;
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  StatusResult run() throws IOException, dev.cairn.api.errors.CairnException {
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
}
