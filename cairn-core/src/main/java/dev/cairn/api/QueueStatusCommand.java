package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.queue.ExperimentQueue;
import dev.cairn.queue.Task;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code queue status}: the tasks of the experiment queue with their state (Running, Queued,
 * Failed, Success, as DVC shows them), the executor and, for batch executors, the engine's job id
 * and state; and the local workers. Reconciles first: batch jobs that ended are collected (their
 * experiment refs fetched from the Git remote, their outputs from the DVC remote) or moved to the
 * failed queue, and local tasks whose runner died are queued again.
 *
 * <pre>{@code
 * QueueStatusCommand.Result r = cairn.queueStatus().call();
 * r.tasks().forEach(t -> System.out.println(t.label() + " " + t.state().label() + " " + t.jobState()));
 * }</pre>
 *
 * <p>Errors: no Git repository → {@code UNEXPECTED_STATE}; a malformed {@code executors} section of
 * {@code cairn.yaml} → {@code INVALID_INPUT}; a batch engine that cannot be reached → {@code FAILED}.
 */
public final class QueueStatusCommand extends QueueCommand<QueueStatusCommand.Result> {
  QueueStatusCommand(Repo repo) {
    super(repo);
  }

  /**
   * The queue.
   *
   * @param tasks every task, running first, then queued, failed and successful
   * @param workers the local worker processes: pid → tasks it runs now (0: idle)
   * @param collected tasks whose experiments were collected by this call
   * @param warnings what could not be done on the way (an output fetch), one line each
   */
  public record Result(List<Task> tasks, Map<Long, Integer> workers, List<Task> collected, List<String> warnings) {
    public Result {
      tasks = List.copyOf(tasks);
      workers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(workers));
      collected = List.copyOf(collected);
      warnings = List.copyOf(warnings);
    }
  }

  @Override
  Result run(ExperimentQueue q) throws IOException, CairnException {
    ExperimentQueue.Reconciliation r = reconcile(q);
    return new Result(q.tasks(), q.workers(), r.collected(), warnings());
  }
}
