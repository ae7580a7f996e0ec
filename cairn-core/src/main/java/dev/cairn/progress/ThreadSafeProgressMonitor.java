package dev.cairn.progress;

/** Wraps a monitor so worker threads may call {@link #update} concurrently. */
public final class ThreadSafeProgressMonitor implements ProgressMonitor {
  private final ProgressMonitor delegate;

  public ThreadSafeProgressMonitor(ProgressMonitor delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized void beginTask(String title, long totalWork) {
    delegate.beginTask(title, totalWork);
  }

  @Override
  public synchronized void update(long completed) {
    delegate.update(completed);
  }

  @Override
  public synchronized void endTask() {
    delegate.endTask();
  }

  @Override
  public boolean isCancelled() {
    return delegate.isCancelled();
  }
}
