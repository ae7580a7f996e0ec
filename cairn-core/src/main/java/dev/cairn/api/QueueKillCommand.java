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
 * {@code queue kill <task>...}: stops running experiments. A local one is interrupted (its stage
 * processes are killed) by the process running it; a batch one is cancelled in its engine ({@code
 * scancel}: SIGTERM, then SIGKILL after the cluster's grace time; {@link #setForce} sends SIGKILL at
 * once). Each then ends in the failed queue with the reason "killed by 'cairn queue kill'", from
 * where {@code queue retry} puts it back.
 *
 * <p>Errors: a task name or id that names no running task → {@code INVALID_INPUT}.
 */
public final class QueueKillCommand extends QueueCommand<List<Task>> {
  private final List<String> tasks = new ArrayList<>();
  private boolean force;

  QueueKillCommand(Repo repo) {
    super(repo);
  }

  /** A running task: its name or a prefix of its id. */
  public QueueKillCommand addTask(String task) {
    tasks.add(Objects.requireNonNull(task));
    return this;
  }

  /** Kill at once instead of asking the task to stop. */
  public QueueKillCommand setForce(boolean force) {
    this.force = force;
    return this;
  }

  /** Returns the tasks asked to stop. */
  @Override
  List<Task> run(ExperimentQueue q) throws IOException, CairnException {
    if (tasks.isEmpty()) {
      throw CairnException.invalidInput("Name the tasks to kill (see 'cairn queue status')");
    }
    reconcile(q);
    return q.kill(tasks, force);
  }
}
