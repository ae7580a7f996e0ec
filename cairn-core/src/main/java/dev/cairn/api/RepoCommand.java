package dev.cairn.api;

import dev.cairn.api.errors.CairnException;
import dev.cairn.lib.ThreadSafeProgressMonitor;
import dev.cairn.workspace.Checkouter;
import dev.cairn.workspace.InvalidDvcFileException;
import dev.cairn.workspace.RepoLock;
import java.io.IOException;

/**
 * Base of commands that work on an open repository: translates plumbing exceptions into {@link
 * CairnException}s with the right kind, and takes the repository lock for writers.
 */
abstract class RepoCommand<T> extends CairnCommand<T> {
  static final long LOCK_WAIT_MS = 3000;

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
    try {
      if (writes()) {
        try (RepoLock lock = RepoLock.acquire(repo.dvcDir(), LOCK_WAIT_MS)) {
          return run();
        } finally {
          repo.state().flush();
        }
      }
      return run();
    } catch (CairnException e) {
      throw e;
    } catch (RepoLock.LockedException e) {
      throw CairnException.unexpectedState(e.getMessage());
    } catch (InvalidDvcFileException | Checkouter.UnsafePathException e) {
      throw CairnException.invalidInput(e.getMessage());
    } catch (Checkouter.ConflictException e) {
      throw CairnException.unexpectedState(e.getMessage());
    } catch (java.nio.file.NoSuchFileException e) {
      throw CairnException.failed("No such file: " + e.getMessage(), e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw CairnException.failed("Permission denied: " + e.getMessage(), e);
    } catch (IOException e) {
      throw CairnException.failed(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  /** Called before the lock is taken and {@link #run} called; must not throw. */
  void beforeRun() {}

  /** Called when {@link #run} returned or threw; must not throw. */
  void afterRun() {}

  /** Whether the command changes the repository (and so takes the lock). */
  abstract boolean writes();

  abstract T run() throws IOException, CairnException;
}
