package dev.cairn.progress;

/**
 * Receives progress from long-running library operations. The library never prints progress
 * itself; the CLI installs a text monitor on stderr when it is a terminal.
 *
 * <p>Calls come in the order {@code beginTask}, any number of {@code update}, {@code endTask},
 * possibly repeated for several tasks. Implementations used by parallel work must be thread-safe
 * (see {@link ThreadSafeProgressMonitor}).
 */
public interface ProgressMonitor {
  /** Total work is not known in advance. */
  long UNKNOWN = -1;

  /**
   * Starts a task.
   *
   * @param title what is being done, e.g. {@code "Hashing"}
   * @param totalWork number of units (files or bytes), or {@link #UNKNOWN}
   */
  void beginTask(String title, long totalWork);

  /** Reports {@code completed} more units done since the last call. */
  void update(long completed);

  /** Ends the current task. */
  void endTask();

  /** Whether the user asked to stop; long loops check this and end early. */
  default boolean isCancelled() {
    return false;
  }
}
