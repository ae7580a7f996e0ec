package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.progress.ThreadSafeProgressMonitor;
import dev.cairn.repo.Repo;
import java.io.IOException;

/**
 * Base of commands that work on an open repository: translates plumbing exceptions into {@link
 * CairnException}s with the right kind, and takes the repository lock for writers.
 */
abstract class RepoCommand<T> extends CairnCommand<T> {
  RepoCommand(Repo repo) {
    super(repo);
  }

  @Override
  public final T call() throws CairnException {
    checkCallable();
    monitor = new ThreadSafeProgressMonitor(monitor);
    beforeRun();
    try {
      return lockedRun();
    } finally {
      afterRun();
    }
  }

  private T lockedRun() throws CairnException {
    return repo.call(writes(), this::run);
  }

  /** Called before the lock is taken and {@link #run} called; must not throw. */
  void beforeRun() {}

  /** Called when {@link #run} returned or threw; must not throw. */
  void afterRun() {}

  /** Whether the command changes the repository (and so takes the lock). */
  abstract boolean writes();

  abstract T run() throws IOException, CairnException;
}
