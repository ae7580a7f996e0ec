package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.queue.ExperimentQueue;
import dev.cairn.queue.Task;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code queue start}: starts running the queue without waiting for it. With the {@code local}
 * executor (the default), starts up to {@link #setJobs} background worker processes (fewer when some
 * run already), each running one queued experiment at a time in a temp workspace until the queue is
 * empty; the process to start is the one {@link #setWorkerCommand} gives (the CLI passes its own
 * {@code queue worker}). With a batch executor ({@code slurm}), submits every queued experiment as a
 * job and returns; {@code queue status} then follows and collects them.
 *
 * <p>Errors: an unknown executor or bad {@code executors} settings → {@code INVALID_INPUT}; the Git
 * remote or the engine refusing → {@code FAILED} (the entries not submitted stay queued).
 */
public final class QueueStartCommand extends QueueCommand<QueueStartCommand.Result> {
  private String executor = "local";
  private int jobs = 1;
  private List<String> workerCommand;

  QueueStartCommand(Repo repo) {
    super(repo);
  }

  /**
   * What was started.
   *
   * @param executor the executor used
   * @param workersStarted local worker processes started (0 for a batch executor)
   * @param submitted tasks submitted to a batch executor, with their job ids
   */
  public record Result(String executor, int workersStarted, List<Task> submitted) {
    public Result {
      submitted = List.copyOf(submitted);
    }
  }

  /** The executor: {@code local} (default) or a batch engine's name ({@code slurm}). */
  public QueueStartCommand setExecutor(String executor) {
    this.executor = Objects.requireNonNull(executor);
    return this;
  }

  /** Local workers to have running (at least 1; default 1). Ignored by batch executors. */
  public QueueStartCommand setJobs(int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
    this.jobs = jobs;
    return this;
  }

  /**
   * The command line of one local worker process, run in the repository root; it must run {@link
   * Cairn#queueWork()} (the CLI's hidden {@code cairn queue worker}). Required for {@code local}.
   */
  public QueueStartCommand setWorkerCommand(List<String> argv) {
    this.workerCommand = List.copyOf(argv);
    return this;
  }

  @Override
  Result run(ExperimentQueue q) throws IOException, CairnException {
    if (!ExperimentQueue.executors().contains(executor)) {
      throw CairnException.invalidInput("Unknown executor '" + executor + "' (expected one of "
          + String.join(", ", ExperimentQueue.executors()) + ")");
    }
    reconcile(q);
    if (!executor.equals("local")) {
      return new Result(executor, 0, q.submit(executor, t -> { }));
    }
    if (workerCommand == null) {
      throw new IllegalStateException("setWorkerCommand is required for the local executor");
    }
    int running = q.workers().size();
    int started = 0;
    Path logs = repo.dvcDir().resolve("tmp").resolve("exps").resolve("run").resolve("workers");
    Files.createDirectories(logs);
    for (int i = running; i < jobs; i++) {
      List<String> argv = new ArrayList<>();
      if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
        argv.add("/usr/bin/setsid"); // its own session: it outlives this terminal
      }
      argv.addAll(workerCommand);
      ProcessBuilder pb = new ProcessBuilder(argv).directory(repo.root().toFile());
      pb.environment().putAll(repo.env());
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Path log = logs.resolve("worker-" + System.currentTimeMillis() + "-" + i + ".out");
      pb.redirectOutput(log.toFile());
      pb.redirectErrorStream(true);
      pb.start();
      started++;
    }
    return new Result(executor, started, List.of());
  }
}
