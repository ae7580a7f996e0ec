package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.progress.NullProgressMonitor;
import dev.cairn.progress.ProgressMonitor;
import dev.cairn.repo.Repo;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Base of every porcelain command: a single-use object configured with fluent setters and run
 * once with {@link #call()}. A second {@code call()} throws {@link IllegalStateException}.
 *
 * @param <T> the result type, a record
 */
public abstract class CairnCommand<T> implements Callable<T> {
  protected final Repo repo;
  protected ProgressMonitor monitor = NullProgressMonitor.INSTANCE;
  private boolean callable = true;

  protected CairnCommand(Repo repo) {
    this.repo = repo;
  }

  /** Where progress goes; {@link NullProgressMonitor} by default. */
  @SuppressWarnings("unchecked")
  public <C extends CairnCommand<T>> C setProgressMonitor(ProgressMonitor monitor) {
    this.monitor = Objects.requireNonNull(monitor);
    return (C) this;
  }

  /** Refuses a second use of this command object. */
  protected void checkCallable() {
    if (!callable) {
      throw new IllegalStateException(getClass().getSimpleName() + " can only be called once");
    }
    callable = false;
  }

  @Override
  public abstract T call() throws CairnException;
}
