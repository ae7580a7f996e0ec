package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.queue.ExperimentQueue;
import dev.cairn.queue.Task;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.List;

/**
 * {@code queue stop}: the local workers take no further experiments and exit once those they run
 * have finished; with {@link #setKill} every running task is killed first, local or batch (batch
 * jobs are cancelled in their engine). Jobs already handed to a batch engine run on unless killed.
 */
public final class QueueStopCommand extends QueueCommand<List<Task>> {
  private boolean kill;

  QueueStopCommand(Repo repo) {
    super(repo);
  }

  /** Kill the running tasks too ({@code --kill}). */
  public QueueStopCommand setKill(boolean kill) {
    this.kill = kill;
    return this;
  }

  /** Returns the tasks killed. */
  @Override
  List<Task> run(ExperimentQueue q) throws IOException, CairnException {
    reconcile(q);
    return q.stopWorkers(kill);
  }
}
