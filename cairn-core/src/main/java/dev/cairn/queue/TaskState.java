package dev.cairn.queue;

/** Where a queued experiment is, with DVC's {@code queue status} words. */
public enum TaskState {
  /** In the queue, not taken by any executor yet. */
  QUEUED("Queued"),
  /** Taken by an executor: running, or waiting in a batch engine's own queue. */
  RUNNING("Running"),
  /** Ran; its experiment ref is in this repository. */
  SUCCESS("Success"),
  /** Failed, was killed or timed out; kept under {@code refs/exps/celery/failed} and can be retried. */
  FAILED("Failed");

  private final String label;

  TaskState(String label) {
    this.label = label;
  }

  /** The word {@code queue status} prints (DVC's). */
  public String label() {
    return label;
  }
}
