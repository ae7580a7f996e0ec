package dev.cairn.queue;

import java.util.Objects;

/**
 * A job's state as the engine reports it.
 *
 * @param jobId the engine's id
 * @param phase what the queue makes of it
 * @param state the engine's own word ({@code PENDING}, {@code RUNNING}, {@code COMPLETED}, {@code
 *     CANCELLED}, {@code TIMEOUT}, …)
 * @param detail the engine's reason or exit status, for display (may be empty)
 */
public record JobStatus(String jobId, Phase phase, String state, String detail) {
  public JobStatus {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(state, "state");
    detail = detail == null ? "" : detail;
  }

  /** The queue's view of a job. */
  public enum Phase {
    /** Waiting in the engine's queue. */
    PENDING,
    /** Running (or finishing). */
    RUNNING,
    /** Ended with exit status 0. */
    SUCCEEDED,
    /** Ended otherwise: failed, cancelled, timed out, lost with its node. */
    FAILED;

    /** Whether the job has ended. */
    public boolean done() {
      return this == SUCCEEDED || this == FAILED;
    }
  }

  /** {@code STATE} or {@code STATE (detail)}, as {@code queue status} shows it. */
  public String display() {
    return detail.isEmpty() ? state : state + " (" + detail + ")";
  }
}
