package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.queue.ExperimentQueue;
import dev.cairn.repo.Repo;
import dev.cairn.repro.ReproListener;
import java.io.IOException;
import java.util.Objects;

/**
 * The body of a local queue worker process (what {@link QueueStartCommand} starts): runs queued
 * experiments in temp workspaces, {@link #setJobs} at a time, until the queue is empty or {@code
 * queue stop} asks it to stop; each task's output goes to its log.
 */
public final class QueueWorkCommand extends QueueCommand<ExperimentQueue.RunResult> {
  private int jobs = 1;
  private ReproListener listener = ReproListener.NONE;

  QueueWorkCommand(Repo repo) {
    super(repo);
  }

  /** Experiments run at once (default 1). */
  public QueueWorkCommand setJobs(int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
    this.jobs = jobs;
    return this;
  }

  /** Where repro lines go besides the task logs. */
  public QueueWorkCommand setListener(ReproListener listener) {
    this.listener = Objects.requireNonNull(listener);
    return this;
  }

  @Override
  ExperimentQueue.RunResult run(ExperimentQueue q) throws IOException, CairnException {
    return q.work(jobs, listener);
  }
}
