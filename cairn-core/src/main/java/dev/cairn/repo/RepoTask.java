package dev.cairn.repo;

import dev.cairn.errors.CairnException;
import dev.cairn.workspace.Checkouter;
import dev.cairn.workspace.InvalidDvcFileException;
import dev.cairn.workspace.RepoLock;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Runs one operation on an open repository the way every command does: under the repository lock
 * when it writes (waiting up to {@link #LOCK_WAIT_MS}), with the state cache flushed afterwards,
 * and with the plumbing's exceptions translated into {@link CairnException}s of the right kind
 * (locked or conflicting: unexpected state; invalid {@code .dvc} file or unsafe path: invalid
 * input; any other I/O failure: failed, cause kept). The porcelain's commands and the experiment
 * runner (which runs stages in its own temporary workspaces) go through here.
 */
public final class RepoTask {
  /** How long a writer waits for another process's lock before it fails. */
  public static final long LOCK_WAIT_MS = 3000;

  private RepoTask() {}

  /** The work: may throw the plumbing's {@link IOException}s, translated by {@link #run}. */
  @FunctionalInterface
  public interface Body<T> {
    T run() throws IOException, CairnException;
  }

  /**
   * Runs {@code body} on {@code repo}; under the lock when {@code writes}.
   *
   * @throws CairnException what {@code body} threw, or its {@code IOException} translated
   */
  public static <T> T run(Repo repo, boolean writes, Body<T> body) throws CairnException {
    try {
      if (writes) {
        try (RepoLock lock = RepoLock.acquire(repo.dvcDir(), LOCK_WAIT_MS)) {
          return body.run();
        } finally {
          repo.state().flush();
        }
      }
      return body.run();
    } catch (CairnException e) {
      throw e;
    } catch (RepoLock.LockedException e) {
      throw CairnException.unexpectedState(e.getMessage());
    } catch (InvalidDvcFileException | Checkouter.UnsafePathException e) {
      throw CairnException.invalidInput(e.getMessage());
    } catch (Checkouter.ConflictException e) {
      throw CairnException.unexpectedState(e.getMessage());
    } catch (NoSuchFileException e) {
      throw CairnException.failed("No such file: " + e.getMessage(), e);
    } catch (AccessDeniedException e) {
      throw CairnException.failed("Permission denied: " + e.getMessage(), e);
    } catch (IOException e) {
      throw CairnException.failed(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }
}
