package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import dev.cairn.revision.UnknownRevisionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

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
  private final List<String> revs = new ArrayList<>();
  private int num = 1;
  private boolean allExperiments;

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

  /**
   * Also the experiments derived from {@code rev} ({@code --rev}), and with {@link #setNum} from its
   * first-parent ancestors: experiments are chosen by their baseline commit as well as by name.
   */
  public C addRevision(String rev) {
    revs.add(Objects.requireNonNull(rev));
    return self();
  }

  /** With {@link #addRevision}: the experiments of the last {@code n} commits from each revision ({@code -n}). */
  public C setNum(int n) {
    this.num = n;
    return self();
  }

  /** Every experiment, whatever its baseline ({@code -A}). */
  public C setAllExperiments(boolean b) {
    this.allExperiments = b;
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

  /** Fails with invalid input unless a Git remote and at least one experiment, revision or {@code -A} were given. */
  void checkArguments(String verb) throws CairnException {
    if (gitRemote == null || experiments.isEmpty() && revs.isEmpty() && !allExperiments) {
      throw CairnException.invalidInput("exp " + verb + " needs a Git remote and at least one experiment (or --rev,"
          + " or --all-commits)");
    }
  }

  boolean allExperiments() {
    return allExperiments;
  }

  /**
   * The baselines {@link #addRevision} selects: each revision and its first-parent ancestors, up to
   * {@code num} commits each (all of them when negative), as full SHAs.
   */
  Set<String> baselines(Repository git) throws CairnException, IOException {
    Set<String> out = new LinkedHashSet<>();
    try (RevWalk walk = new RevWalk(git)) {
      for (String r : revs) {
        ObjectId id = git.resolve(r + "^{commit}");
        if (id == null) {
          throw new UnknownRevisionException(r);
        }
        RevCommit c = walk.parseCommit(id);
        for (int n = 0; c != null && (num < 0 || n < num); n++) {
          out.add(c.name());
          c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
        }
      }
    }
    return out;
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
