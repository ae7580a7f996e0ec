package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpRef;
import dev.cairn.exp.ExpRefs;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code exp rename}: gives an experiment another name under the same baseline, as {@code dvc exp
 * rename} does (the ref {@code refs/exps/<baseline>/<old>} becomes {@code …/<new>}, same commit). An
 * experiment of the new name is refused unless {@link #setForce}. Renaming to the same name does
 * nothing.
 */
public final class ExpRenameCommand extends RepoCommand<List<String>> {
  private String experiment;
  private String newName;
  private boolean force;

  ExpRenameCommand(Repo repo) {
    super(repo);
  }

  /** The experiment (name or full ref) and its new name. */
  public ExpRenameCommand setNames(String experiment, String newName) {
    this.experiment = Objects.requireNonNull(experiment);
    this.newName = Objects.requireNonNull(newName);
    return this;
  }

  /** Replace an experiment that already has the new name. */
  public ExpRenameCommand setForce(boolean b) {
    force = b;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  /** Returns the names renamed (empty when old and new are the same). */
  @Override
  List<String> run() throws IOException, CairnException {
    if (experiment == null) {
      throw CairnException.invalidInput("An experiment to rename and a new experiment name are required.");
    }
    if (experiment.equals(newName)) {
      return List.of();
    }
    if (!ExpRef.isValidName(newName)) {
      throw CairnException.invalidInput("Invalid experiment name '" + newName + "': use letters, digits and _ . + -");
    }
    try (Repository git = ExpGit.open(repo.root())) {
      ExpRefs.Entry e = ExpGit.resolveOne(git, experiment);
      ExpRef target = new ExpRef(e.ref().baselineSha(), newName);
      if (git.exactRef(target.refName()) != null && !force) {
        throw CairnException.invalidInput("Experiment conflicts with existing experiment '" + newName
            + "'; use -f to replace it");
      }
      RefUpdate create = git.updateRef(target.refName());
      create.setNewObjectId(e.commit());
      create.setForceUpdate(true);
      create.setRefLogMessage("rename: " + e.ref().name() + " -> " + newName, false);
      check(create.forceUpdate(), target.refName());
      RefUpdate delete = git.updateRef(e.ref().refName());
      delete.setForceUpdate(true);
      delete.setExpectedOldObjectId(e.commit());
      check(delete.delete(), e.ref().refName());
      return List.of(experiment);
    }
  }

  private static void check(RefUpdate.Result r, String ref) throws CairnException {
    switch (r) {
      case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> { }
      default -> throw CairnException.failed("Cannot update " + ref + ": " + r, null);
    }
  }
}
