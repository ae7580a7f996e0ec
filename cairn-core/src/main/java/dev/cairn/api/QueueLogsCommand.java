package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.queue.ExperimentQueue;
import dev.cairn.queue.Task;
import dev.cairn.queue.TaskState;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * {@code queue logs <task>}: copies the output log of a task that runs or has run to {@link
 * #setOutput}; with {@link #setFollow}, keeps copying what is appended while the task runs (the
 * engine is asked every {@code pollMillis}), and returns when it has ended. A batch job's log is
 * readable here when the repository (or {@code log_dir}) is on a filesystem the nodes share.
 *
 * <p>Errors: an unknown task → {@code INVALID_INPUT}; a queued task or one without a log → {@code
 * UNEXPECTED_STATE}.
 */
public final class QueueLogsCommand extends QueueCommand<Task> {
  private String task;
  private boolean follow;
  private OutputStream output = OutputStream.nullOutputStream();
  private long pollMillis = 1000;

  QueueLogsCommand(Repo repo) {
    super(repo);
  }

  /** The task: its name or a prefix of its id. */
  public QueueLogsCommand setTask(String task) {
    this.task = Objects.requireNonNull(task);
    return this;
  }

  /** Keep copying new output until the task ends. */
  public QueueLogsCommand setFollow(boolean follow) {
    this.follow = follow;
    return this;
  }

  /** Where the log goes (the caller closes it). */
  public QueueLogsCommand setOutput(OutputStream out) {
    this.output = Objects.requireNonNull(out);
    return this;
  }

  /** How often a followed task's state is checked (default 1000 ms). */
  public QueueLogsCommand setPollMillis(long ms) {
    this.pollMillis = ms;
    return this;
  }

  /** Returns the task as it was when the copy ended. */
  @Override
  Task run(ExperimentQueue q) throws IOException, CairnException {
    if (task == null) {
      throw CairnException.invalidInput("Name the task whose log to show (see 'cairn queue status')");
    }
    reconcile(q);
    Path log = q.log(task);
    Task t = q.find(task, Set.of());
    long pos = copy(log, 0);
    while (follow && t.state() == TaskState.RUNNING) {
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      pos = copy(log, pos);
      reconcile(q);
      String rev = t.rev();
      t = q.task(rev).orElse(t);
      if (t.state() != TaskState.RUNNING) {
        pos = copy(log, pos);
        break;
      }
    }
    output.flush();
    return t;
  }

  private long copy(Path log, long from) throws IOException {
    if (!Files.exists(log)) {
      return from;
    }
    try (InputStream in = Files.newInputStream(log)) {
      in.skipNBytes(Math.min(from, Files.size(log)));
      long n = in.transferTo(output);
      output.flush();
      return from + n;
    }
  }
}
