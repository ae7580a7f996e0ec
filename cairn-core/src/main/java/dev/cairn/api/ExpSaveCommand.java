package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpRunResult;
import dev.cairn.exp.ExpRunner;
import dev.cairn.repo.Repo;
import java.io.IOException;

/**
 * {@code exp save}: commits the workspace as an experiment (parent: HEAD) without running
 * anything. The pipeline must be up to date ({@code status} clean): otherwise {@code
 * UNEXPECTED_STATE}, asking for {@code repro} or {@code commit} first.
 */
public final class ExpSaveCommand extends RepoCommand<ExpRunResult> {
  private String name;
  private boolean force;

  ExpSaveCommand(Repo repo) {
    super(repo);
  }

  /** {@code -n}: the experiment's name (default: a random {@code adjective-noun}). */
  public ExpSaveCommand setName(String name) {
    this.name = name;
    return this;
  }

  /** {@code -f}: replace an experiment of the same name. */
  public ExpSaveCommand setForce(boolean force) {
    this.force = force;
    return this;
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  ExpRunResult run() throws IOException, CairnException {
    return new ExpRunner(repo).save(name, force);
  }
}
