package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.queue.ExperimentQueue;
import dev.cairn.queue.Task;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code queue retry}: puts failed tasks (the named ones, or all) back into the queue with the same
 * name and params, to be run again by {@code queue start} or {@code exp run --run-all}.
 *
 * <p>Errors: a name that matches no failed task → {@code INVALID_INPUT}.
 */
public final class QueueRetryCommand extends QueueCommand<List<Task>> {
  private final List<String> tasks = new ArrayList<>();

  QueueRetryCommand(Repo repo) {
    super(repo);
  }

  /** A failed task: its name or a prefix of its id (none: every failed task). */
  public QueueRetryCommand addTask(String task) {
    tasks.add(Objects.requireNonNull(task));
    return this;
  }

  /** Returns the tasks queued again. */
  @Override
  List<Task> run(ExperimentQueue q) throws IOException, CairnException {
    reconcile(q);
    return q.retry(tasks);
  }
}
