package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.queue.ExperimentQueue;
import dev.cairn.queue.TaskState;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code queue remove}: removes queued tasks from the queue, failed ones from the failed queue, and
 * the records and logs of finished ones; either the named tasks or every task in the states given
 * ({@code --queued}, {@code --failed}, {@code --success}, {@code --all}). Experiments already made
 * are not touched. Running tasks are refused: kill them first.
 *
 * <p>Errors: tasks and states both or neither given, a name that matches no task → {@code
 * INVALID_INPUT}.
 */
public final class QueueRemoveCommand extends QueueCommand<List<String>> {
  private final List<String> tasks = new ArrayList<>();
  private final Set<TaskState> states = EnumSet.noneOf(TaskState.class);

  QueueRemoveCommand(Repo repo) {
    super(repo);
  }

  /** A task to remove: its name or a prefix of its id. */
  public QueueRemoveCommand addTask(String task) {
    tasks.add(Objects.requireNonNull(task));
    return this;
  }

  /** Remove every task in this state (QUEUED, FAILED or SUCCESS). */
  public QueueRemoveCommand addState(TaskState state) {
    if (state == TaskState.RUNNING) {
      throw new IllegalArgumentException("running tasks are killed, not removed");
    }
    states.add(state);
    return this;
  }

  /** Returns the names (or short ids) of the tasks removed. */
  @Override
  List<String> run(ExperimentQueue q) throws IOException, CairnException {
    if (tasks.isEmpty() == states.isEmpty()) {
      throw CairnException.invalidInput("Either name the tasks to remove, or use --all, --queued, --failed or"
          + " --success");
    }
    reconcile(q);
    return tasks.isEmpty() ? q.clear(states) : q.remove(tasks);
  }
}
