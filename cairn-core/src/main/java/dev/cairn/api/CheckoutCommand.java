package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import dev.cairn.repro.LockedOutputs;
import dev.cairn.workspace.Checkouter;
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
    return LockedOutputs.checkout(repo, targets, force, relink, monitor);
  }
}
