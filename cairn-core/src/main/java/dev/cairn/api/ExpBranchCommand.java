package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpRefOps;
import dev.cairn.exp.ExpRefs;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.Objects;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code exp branch <exp> [name]}: creates the Git branch {@code name} (default {@code
 * <exp>-branch}) at the experiment's commit; refuses an existing branch. Returns the branch name.
 */
public final class ExpBranchCommand extends RepoCommand<String> {
  private String experiment;
  private String branch;

  ExpBranchCommand(Repo repo) {
    super(repo);
  }

  /** The experiment: a name or a full {@code refs/exps/…} ref. */
  public ExpBranchCommand setExperiment(String exp) {
    this.experiment = Objects.requireNonNull(exp);
    return this;
  }

  /** The branch name; null for {@code <exp>-branch}. */
  public ExpBranchCommand setBranch(String name) {
    this.branch = name;
    return this;
  }

  @Override
  boolean writes() {
    return false; // Git refs only
  }

  @Override
  String run() throws IOException, CairnException {
    if (experiment == null) {
      throw CairnException.invalidInput("exp branch needs an experiment name");
    }
    try (Repository git = ExpGit.open(repo.root())) {
      ExpRefs.Entry e = ExpGit.resolveOne(git, experiment);
      return ExpRefOps.branch(git, e, branch);
    }
  }
}
