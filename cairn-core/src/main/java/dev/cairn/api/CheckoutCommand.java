package dev.cairn.api;

import dev.cairn.api.errors.CairnException;
import dev.cairn.odb.MissingObjectException;
import dev.cairn.workspace.Checkouter;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import dev.cairn.repro.LockedOutputs;
import dev.cairn.repro.PipelineIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code checkout}: makes tracked outputs ({@code .dvc} files and the cached outputs recorded in
 * {@code dvc.lock}; targets may name stages) match their recorded hashes, linking or copying from the
 * cache per {@code cache.type}. Never overwrites or deletes workspace content that is not in the
 * cache unless forced; {@code relink} recreates links even when content matches.
 */
public final class CheckoutCommand extends RepoCommand<Checkouter.Changes> {
  private final List<Path> targets = new ArrayList<>();
  private boolean force;
  private boolean relink;

  CheckoutCommand(Repo repo) {
    super(repo);
  }

  public CheckoutCommand addTarget(Path p) {
    targets.add(p);
    return this;
  }

  /** Discard workspace changes that are not in the cache. */
  public CheckoutCommand setForce(boolean force) {
    this.force = force;
    return this;
  }

  /** Recreate links even for unchanged outputs. */
  public CheckoutCommand setRelink(boolean relink) {
    this.relink = relink;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  Checkouter.Changes run() throws IOException, CairnException {
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
