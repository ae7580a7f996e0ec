package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpApplier;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpRef;
import dev.cairn.exp.ExpRefs;
import dev.cairn.repo.Repo;
import dev.cairn.workspace.Checkouter;
import java.io.IOException;
import java.util.Objects;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code exp apply <exp>}: puts an experiment's Git-tracked files into the workspace without moving
 * HEAD (HEAD's commit is saved in {@code refs/exps/apply/ORIG_HEAD}), then checks out the DVC
 * outputs its {@code dvc.lock} and {@code .dvc} files record. Refuses (unexpected state), before
 * writing anything, when uncommitted changes to Git-tracked files would be overwritten, unless
 * forced; the checkout then refuses to overwrite workspace data not in the cache, unless forced, and
 * the Git-tracked files are then put back as they were.
 */
public final class ExpApplyCommand extends RepoCommand<ExpApplyCommand.Result> {
  private String experiment;
  private boolean force;

  ExpApplyCommand(Repo repo) {
    super(repo);
  }

  /**
   * The result.
   *
   * @param experiment the experiment applied
   * @param files the Git-tracked files written and deleted
   * @param checkout what the DVC checkout changed
   */
  public record Result(ExpRef experiment, ExpApplier.Result files, Checkouter.Changes checkout) {}

  /** The experiment: a name or a full {@code refs/exps/…} ref. */
  public ExpApplyCommand setExperiment(String exp) {
    this.experiment = Objects.requireNonNull(exp);
    return this;
  }

  /** Overwrite uncommitted changes ({@code --force}). */
  public ExpApplyCommand setForce(boolean force) {
    this.force = force;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  Result run() throws IOException, CairnException {
    if (experiment == null) {
      throw CairnException.invalidInput("exp apply needs an experiment name");
    }
    ExpRefs.Entry e;
    ExpApplier.Applied applied;
    try (Repository git = ExpGit.open(repo.root())) {
      e = ExpGit.resolveOne(git, experiment);
      applied = ExpApplier.apply(git, e.commit(), force);
    }
    CheckoutCommand checkout = new CheckoutCommand(repo).setForce(force);
    checkout.monitor = monitor;
    boolean done = false;
    try {
      Checkouter.Changes changes = checkout.run(); // already under this command's lock
      done = true;
      return new Result(e.ref(), applied.result(), changes);
    } finally {
      if (!done) {
        applied.undo(); // the checkout refused or failed: leave the Git-tracked files as they were
      }
    }
  }
}
