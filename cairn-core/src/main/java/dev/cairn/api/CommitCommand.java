package dev.cairn.api;

import dev.cairn.hash.EntryHash;
import dev.cairn.repo.Repo;
import dev.cairn.repro.LockedOutputs;
import dev.cairn.repro.PipelineIndex;
import dev.cairn.repro.StageTargets;
import dev.cairn.repro.Targets;
import dev.cairn.workspace.CacheCommitter;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code commit}: records the current content of tracked outputs: stores it in the cache and
 * rewrites the {@code .dvc} entries, and re-records pipeline stages (deps, params, outs) in {@code
 * dvc.lock}, all stages without targets or the stages targets name. Never runs commands.
 */
public final class CommitCommand extends RepoCommand<CommitCommand.CommitResult> {
  private final List<Path> targets = new ArrayList<>();

  CommitCommand(Repo repo) {
    super(repo);
  }

  /** Files rewritten (repo-relative). */
  public record CommitResult(List<String> updated) {}

  public CommitCommand addTarget(Path p) {
    targets.add(p);
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  CommitResult run() throws IOException, dev.cairn.errors.CairnException {
    PipelineIndex index = PipelineIndex.load(repo);
    StageTargets split = StageTargets.split(repo, index, targets);
    List<String> updated = new ArrayList<>();
    if (!split.stages().isEmpty() || targets.isEmpty()) {
      updated.addAll(LockedOutputs.commit(repo, index, split.stages(), monitor));
    }
    if (split.onlyStages(targets)) {
      return new CommitResult(updated);
    }
    var all = new TrackedCollector(repo.root(), new DvcIgnore(repo.root())).outputs();
    CacheCommitter committer = new CacheCommitter(repo.odb(), repo.hasher(), repo.linkTypes());
    Set<DvcFile> touched = new LinkedHashSet<>();
    for (Tracked t : Targets.select(repo, all, split.paths())) {
      if (!Files.exists(t.path())) {
        throw dev.cairn.errors.CairnException.invalidInput("Cannot commit '" + repo.relativize(t.path())
            + "' of " + t.owner() + ": it does not exist; run 'cairn checkout' to restore it");
      }
      String before = String.valueOf(t.entry().get("md5"));
      EntryHash h = committer.commit(t.path(), monitor);
      if (!h.value().equals(before) || !"md5".equals(t.entry().get("hash"))) {
        DvcFile.setHash(t.entry(), h);
        if (t.dvcFile().importDep() != null) {
          // an import's stage md5 covers its output's hash (an import pulled after --no-download)
          dev.cairn.registry.ImportStage.refreshMd5(t.dvcFile().contents());
        }
        touched.add(t.dvcFile());
      }
    }
    for (DvcFile f : touched) {
      f.write();
      updated.add(repo.relativize(f.file()));
    }
    return new CommitResult(updated);
  }
}
