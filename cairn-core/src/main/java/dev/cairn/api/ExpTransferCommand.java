package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ExpPushCommand} and {@link ExpPullCommand} share: the Git remote, the experiments,
 * {@code --no-cache} and {@code -f}, with their setters. Package-private: the setters are reached
 * through the two public commands.
 *
 * @param <C> the concrete command (for fluent setters)
 */
abstract class ExpTransferCommand<C extends ExpTransferCommand<C>> extends RemoteCommand<C, ExpPushCommand.Result> {
  private String gitRemote;
  private final List<String> experiments = new ArrayList<>();
  private boolean noCache;
  private boolean force;

  ExpTransferCommand(Repo repo) {
    super(repo);
  }

  @SuppressWarnings("unchecked")
  private C self() {
    return (C) this;
  }

  /** The Git remote: a configured remote name, a URL or a path. */
  public C setGitRemote(String remote) {
    this.gitRemote = Objects.requireNonNull(remote);
    return self();
  }

  /** An experiment (name or full ref; for a pull, as on the remote). */
  public C addExperiment(String name) {
    experiments.add(Objects.requireNonNull(name));
    return self();
  }

  /** Transfer the Git refs only, no cache objects ({@code --no-cache}). */
  public C setNoCache(boolean b) {
    this.noCache = b;
    return self();
  }

  /** Overwrite experiments of the same name on the other side ({@code -f}). */
  public C setForce(boolean b) {
    this.force = b;
    return self();
  }

  @Override
  boolean writes() {
    return true;
  }

  /** Fails with invalid input unless a Git remote and at least one experiment were given. */
  void checkArguments(String verb) throws CairnException {
    if (gitRemote == null || experiments.isEmpty()) {
      throw CairnException.invalidInput("exp " + verb + " needs a Git remote and at least one experiment");
    }
  }

  String gitRemote() {
    return gitRemote;
  }

  List<String> experiments() {
    return experiments;
  }

  /** Opens the remote early only when cache objects will be sent. */
  @Override
  void beforeRun() {
    if (!noCache) {
      super.beforeRun();
    }
  }

  boolean noCache() {
    return noCache;
  }

  boolean force() {
    return force;
  }
}
