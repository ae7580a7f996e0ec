package dev.cairn.queue;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpQueue;
import dev.cairn.exp.ExpRef;
import dev.cairn.exp.ExpRunResult;
import dev.cairn.exp.ExpRunner;
import dev.cairn.repo.Repo;
import dev.cairn.repro.ReproListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The experiment queue of one repository, with its executors: the library behind {@code queue
 * status|logs|remove|kill|start|stop|retry|exec} and {@code exp run --run-all}. Entries are added
 * with {@code exp run --queue} ({@link dev.cairn.api.ExpRunCommand#setQueue}).
 *
 * <p>Reading the queue ({@link #tasks()}) does not change anything; {@link #reconcile()} first brings
 * the records up to date: a local runner that died gives its entries back to the queue, and the
 * batch engines are asked about their jobs (finished ones are collected or failed). Every change is
 * made under the queue lock, so several processes may use the queue at once.
 *
 * <p>Not thread-safe: one thread per instance. Close it to release the Git repository.
 */
public final class ExperimentQueue implements AutoCloseable {
  private final Repo repo;
  private final Repository git;
  private final TaskStore store;
  private final ExecutorConfig config;

  private ExperimentQueue(Repo repo, Repository git, ExecutorConfig config) {
    this.repo = repo;
    this.git = git;
    this.store = new TaskStore(repo.dvcDir());
    this.config = config;
  }

  /**
   * Opens the queue of {@code repo}, reading the {@code executors} section of its {@code cairn.yaml}.
   *
   * @throws CairnException (unexpected state) without a Git repository; (invalid input) when {@code
   *     cairn.yaml}'s {@code executors} section is malformed
   */
  public static ExperimentQueue open(Repo repo) throws CairnException {
    ExecutorConfig config = ExecutorConfig.load(repo.root());
    return new ExperimentQueue(repo, ExpGit.open(repo.root()), config);
  }

  /** The executor names: {@code local} and the batch engines on the class path. */
  public static Set<String> executors() {
    return ExecutorConfig.names();
  }

  @Override
  public void close() {
    git.close();
  }

  // ---- reading

  /**
   * Every task: running, queued, failed, then successful (DVC's order), each group oldest first.
   * Records are read as they are; call {@link #reconcile()} first for an up-to-date view.
   */
  public List<Task> tasks() throws IOException {
    List<Task> running = new ArrayList<>();
    List<Task> queued = new ArrayList<>();
    List<Task> failed = new ArrayList<>();
    List<Task> success = new ArrayList<>();
    Map<String, TaskRecord> records = new HashMap<>();
    for (TaskRecord r : store.all()) {
      records.put(r.rev(), r);
    }
    Set<String> seen = new HashSet<>();
    ExpRunner runner = new ExpRunner(repo);
    for (ExpQueue.Entry e : new ExpQueue(git, ExpRef.CELERY_STASH).list()) {
      String rev = e.commit().name();
      seen.add(rev);
      TaskRecord r = records.get(rev);
      if (r != null && r.active()) {
        running.add(task(e, runner, TaskState.RUNNING, r));
      } else {
        queued.add(task(e, runner, TaskState.QUEUED, null));
      }
    }
    for (ExpQueue.Entry e : new ExpQueue(git, ExpRef.CELERY_FAILED_STASH).list()) {
      String rev = e.commit().name();
      if (seen.add(rev)) {
        TaskRecord r = records.get(rev);
        failed.add(task(e, runner, TaskState.FAILED, r != null && TaskRecord.FAILED.equals(r.status()) ? r : null));
      }
    }
    for (TaskRecord r : records.values()) {
      if (TaskRecord.SUCCESS.equals(r.status()) && !seen.contains(r.rev())) {
        ObjectId id = ObjectId.fromString(r.rev());
        ExpQueue.Entry e = new ExpQueue.Entry(id, r.baseline(), r.baseline(), r.name());
        success.add(task(e, runner, TaskState.SUCCESS, r));
      }
    }
    Comparator<Task> byCreated = Comparator.comparing(t -> t.created() == null ? Instant.EPOCH : t.created());
    List<Task> out = new ArrayList<>();
    for (List<Task> l : List.of(running, queued, failed, success)) {
      l.sort(byCreated);
      out.addAll(l);
    }
    return out;
  }

  private Task task(ExpQueue.Entry e, ExpRunner runner, TaskState state, TaskRecord r) throws IOException {
    String rev = e.commit().name();
    Instant created = null;
    List<String> params = List.of();
    if (git.getObjectDatabase().has(e.commit())) {
      try (RevWalk rw = new RevWalk(git)) {
        created = Instant.ofEpochSecond(rw.parseCommit(e.commit()).getCommitTime());
      }
      try {
        params = runner.params(e);
      } catch (CairnException | IOException ex) {
        params = List.of();
      }
    }
    String name = r != null && r.name() != null && !r.name().isEmpty() ? r.name() : e.name();
    if (r == null) {
      return new Task(rev, name, e.baseline(), created, state, params, null, null, null, null, null, null);
    }
    return new Task(rev, name, e.baseline(), created, state, params, r.executor(), r.jobId(), r.jobState(),
        r.reason(), r.ref(), r.log() == null ? null : Path.of(r.log()));
  }

  /**
   * The task {@code spec} names: a name, or a unique prefix (4 characters or more) of an entry's
   * commit, among the tasks in {@code states} (all when empty).
   *
   * @throws CairnException (invalid input) when no task or several match
   */
  public Task find(String spec, Set<TaskState> states) throws CairnException, IOException {
    List<Task> all = tasks().stream().filter(t -> states.isEmpty() || states.contains(t.state())).toList();
    List<Task> byName = all.stream().filter(t -> t.name().equals(spec)).toList();
    if (byName.size() == 1) {
      return byName.get(0);
    }
    String s = spec.toLowerCase(Locale.ROOT);
    List<Task> byRev = s.length() >= 4 && s.matches("[0-9a-f]+")
        ? all.stream().filter(t -> t.rev().startsWith(s)).toList() : List.of();
    List<Task> m = byName.isEmpty() ? byRev : byName;
    if (m.size() == 1) {
      return m.get(0);
    }
    if (m.isEmpty()) {
      String where = states.isEmpty() ? "in the queue"
          : "among the " + String.join(" or ", states.stream().map(x -> x.label().toLowerCase(Locale.ROOT)).toList())
              + " tasks";
      throw CairnException.invalidInput("No task named '" + spec + "' " + where + "; see 'cairn queue status'");
    }
    throw CairnException.invalidInput("'" + spec + "' names " + m.size() + " tasks ("
        + String.join(", ", m.stream().map(Task::shortRev).toList()) + "); give more of the task id");
  }

  // ---- reconciling

  /**
   * What {@link #reconcile()} did.
   *
   * @param collected experiments whose jobs ended well and whose refs are now in this repository
   * @param failed tasks found failed (moved to the failed queue)
   * @param released local tasks whose runner had died, queued again
   * @param commits the experiment commits collected (for fetching their outputs)
   */
  public record Reconciliation(List<Task> collected, List<Task> failed, List<String> released,
      List<ObjectId> commits) {
    public Reconciliation {
      collected = List.copyOf(collected);
      failed = List.copyOf(failed);
      released = List.copyOf(released);
      commits = List.copyOf(commits);
    }
  }

  /**
   * Brings the records up to date: local tasks whose process is gone are queued again (nothing is
   * lost: an entry leaves the queue only once its outcome is recorded); each batch executor with
   * active tasks is asked for their jobs' states, and jobs that ended are collected (their
   * experiment ref fetched from the Git remote) or failed with the engine's reason. Outcomes
   * recorded by a process that died before it updated the queue are applied.
   *
   * @throws CairnException when a batch engine or the Git remote cannot be reached
   */
  public Reconciliation reconcile() throws CairnException, IOException {
    List<String> released = new ArrayList<>();
    Set<String> batchExecutors = new java.util.TreeSet<>();
    try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
      ExpQueue stash = new ExpQueue(git, ExpRef.CELERY_STASH);
      Map<String, ExpQueue.Entry> queued = new LinkedHashMap<>();
      for (ExpQueue.Entry e : stash.list()) {
        queued.put(e.commit().name(), e);
      }
      for (TaskRecord r : store.all()) {
        ExpQueue.Entry e = queued.get(r.rev());
        if (r.active() && r.local() && !alive(r)) {
          store.delete(r.rev(), false);
          released.add(r.rev());
        } else if (r.active() && !r.local()) {
          batchExecutors.add(r.executor());
        } else if (e != null && TaskRecord.SUCCESS.equals(r.status())) {
          stash.drop(e.commit());
        } else if (e != null && TaskRecord.FAILED.equals(r.status())) {
          new ExpQueue(git, ExpRef.CELERY_FAILED_STASH).push(e);
          stash.drop(e.commit());
        }
      }
    }
    List<Task> collected = new ArrayList<>();
    List<Task> failed = new ArrayList<>();
    List<ObjectId> commits = new ArrayList<>();
    for (String name : batchExecutors) {
      BatchRunner b = new BatchRunner(repo, git, store, name, config.batch(name, repo.env()));
      BatchRunner.Reconciled r = b.reconcile();
      for (BatchRunner.Collected c : r.collected()) {
        collected.add(new Task(c.rev(), c.name(), "", null, TaskState.SUCCESS, List.of(), name, null, null, null,
            c.ref(), null));
        commits.add(c.commit());
      }
      for (TaskRecord f : r.failed()) {
        failed.add(new Task(f.rev(), f.name(), f.baseline(), null, TaskState.FAILED, List.of(), name, f.jobId(),
            f.jobState(), f.reason(), null, f.log() == null ? null : Path.of(f.log())));
      }
    }
    return new Reconciliation(collected, failed, released, commits);
  }

  /** Whether a local record's runner process still runs (same pid, same start time). */
  private static boolean alive(TaskRecord r) {
    if (r.pid() == ProcessHandle.current().pid()) {
      return true;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(r.pid());
    if (p.isEmpty() || !p.get().isAlive()) {
      return false;
    }
    if (r.pidStart() == 0) {
      return true;
    }
    Optional<Instant> start = p.get().info().startInstant();
    return start.isEmpty() || Math.abs(start.get().toEpochMilli() - r.pidStart()) < 2000;
  }

  // ---- running

  /**
   * What a run of the queue gave.
   *
   * @param experiments the experiments made, in the order the entries were taken
   * @param failed the entries that failed (now in the failed queue)
   * @param submitted for a batch executor that was not waited for, the tasks handed to it
   */
  public record RunResult(List<ExpRunResult.Experiment> experiments, List<ExpRunResult.Failed> failed,
      List<Task> submitted) {
    public RunResult {
      experiments = List.copyOf(experiments);
      failed = List.copyOf(failed);
      submitted = List.copyOf(submitted);
    }
  }

  /**
   * Runs queued entries with the local executor in this process until none is left to take (also
   * entries queued meanwhile) or {@code stop} says so: each in its own temp workspace, up to {@code
   * jobs} at once. {@link #kill} interrupts one of them from another process.
   *
   * @param listener repro lines and command output, also written to each task's log
   * @param label prefix stage labels with the experiment name
   */
  public RunResult runLocal(int jobs, ReproListener listener, boolean label, BooleanSupplier stop)
      throws CairnException, IOException {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
    reconcile();
    LocalRunner.Outcome o = new LocalRunner(repo, git, store).runAll(jobs, listener, label, stop);
    return new RunResult(o.experiments(), o.failed(), List.of());
  }

  /**
   * Hands every queued entry to batch executor {@code executor}: pushes it to the Git remote the
   * workers use and submits one job for it.
   *
   * @param onSubmit told about each task as it is submitted
   * @return the tasks submitted
   * @throws CairnException (invalid input) for an unknown executor or a bad configuration; (failed)
   *     when the Git remote or the engine refuses (the entry stays queued)
   */
  public List<Task> submit(String executor, Consumer<Task> onSubmit) throws CairnException, IOException {
    ExecutorConfig.checkName(executor);
    if (executor.equals(ExecutorConfig.LOCAL)) {
      throw new IllegalArgumentException("the local executor runs in process: use runLocal");
    }
    BatchRunner b = new BatchRunner(repo, git, store, executor, config.batch(executor, repo.env()));
    List<Task> out = new ArrayList<>();
    b.submitAll(r -> {
      Task t = new Task(r.rev(), r.name(), r.baseline(), null, TaskState.RUNNING, List.of(), r.executor(), r.jobId(),
          r.jobState(), null, null, r.log() == null ? null : Path.of(r.log()));
      out.add(t);
      onSubmit.accept(t);
    });
    return out;
  }

  /**
   * Whether the tasks {@code revs} have all ended (success or failed) after a {@link #reconcile()}.
   */
  public boolean allDone(Set<String> revs) throws IOException {
    for (Task t : tasks()) {
      if (revs.contains(t.rev()) && (t.state() == TaskState.RUNNING || t.state() == TaskState.QUEUED)) {
        return false;
      }
    }
    return true;
  }

  // ---- kill, remove, retry, logs

  /**
   * Stops running tasks: a local one is interrupted by its runner (its stage processes are killed),
   * a batch one is cancelled in its engine ({@code scancel}); they then end in the failed queue,
   * with the reason "killed by 'cairn queue kill'".
   *
   * @param force kill at once (the engine's SIGKILL) instead of asking the job to stop
   * @return the tasks asked to stop
   * @throws CairnException (invalid input) for a spec that names no running task
   */
  public List<Task> kill(List<String> specs, boolean force) throws CairnException, IOException {
    List<Task> out = new ArrayList<>();
    for (String spec : specs) {
      out.add(find(spec, Set.of(TaskState.RUNNING)));
    }
    for (Task t : out) {
      TaskRecord r = store.read(t.rev()).orElseThrow(() -> CairnException.unexpectedState("Task " + t.shortRev()
          + " finished meanwhile"));
      if (r.local()) {
        Files.createDirectories(store.dir(r.rev()));
        Files.writeString(store.killRequest(r.rev()), force ? "force\n" : "kill\n", StandardCharsets.UTF_8);
      } else {
        new BatchRunner(repo, git, store, r.executor(), config.batch(r.executor(), repo.env())).kill(r, force);
      }
    }
    return out;
  }

  /**
   * Removes tasks: queued ones leave the queue, failed ones the failed queue, and the record (and
   * logs) of finished ones are deleted. A running task cannot be removed: kill it first. The
   * experiments made stay (remove them with {@code exp remove}).
   *
   * @return the names (or short revs) removed
   */
  public List<String> remove(List<String> specs) throws CairnException, IOException {
    List<Task> sel = new ArrayList<>();
    for (String spec : specs) {
      Task t = find(spec, Set.of());
      if (t.state() == TaskState.RUNNING) {
        throw CairnException.invalidInput("Task '" + spec + "' is running; stop it with 'cairn queue kill "
            + spec + "' first");
      }
      sel.add(t);
    }
    return removeTasks(sel);
  }

  /** Removes every task in the given states ({@code --queued}, {@code --failed}, {@code --success}). */
  public List<String> clear(Set<TaskState> states) throws CairnException, IOException {
    if (states.contains(TaskState.RUNNING)) {
      throw new IllegalArgumentException("running tasks are killed, not cleared");
    }
    return removeTasks(tasks().stream().filter(t -> states.contains(t.state())).toList());
  }

  private List<String> removeTasks(List<Task> sel) throws IOException {
    List<String> out = new ArrayList<>();
    try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
      for (Task t : sel) {
        ObjectId id = ObjectId.fromString(t.rev());
        switch (t.state()) {
          case QUEUED -> new ExpQueue(git, ExpRef.CELERY_STASH).drop(id);
          case FAILED -> new ExpQueue(git, ExpRef.CELERY_FAILED_STASH).drop(id);
          default -> { }
        }
        store.delete(t.rev(), true);
        out.add(t.label());
      }
    }
    return out;
  }

  /**
   * Puts failed tasks back in the queue, with the same name and params; their old records and logs
   * are deleted. Run them again with {@code queue start} or {@code exp run --run-all}.
   *
   * @param specs the tasks (names or revs); all failed tasks when empty
   * @return the tasks queued again
   */
  public List<Task> retry(List<String> specs) throws CairnException, IOException {
    List<Task> sel = new ArrayList<>();
    if (specs.isEmpty()) {
      sel.addAll(tasks().stream().filter(t -> t.state() == TaskState.FAILED).toList());
    } else {
      for (String s : specs) {
        sel.add(find(s, Set.of(TaskState.FAILED)));
      }
    }
    try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
      ExpQueue failedQ = new ExpQueue(git, ExpRef.CELERY_FAILED_STASH);
      ExpQueue stash = new ExpQueue(git, ExpRef.CELERY_STASH);
      List<ExpQueue.Entry> failedEntries = failedQ.list();
      for (Task t : sel) {
        ObjectId id = ObjectId.fromString(t.rev());
        for (ExpQueue.Entry e : failedEntries) {
          if (e.commit().equals(id)) {
            stash.push(t.name().isEmpty() ? e : e.withName(t.name()));
            failedQ.drop(id);
            break;
          }
        }
        store.delete(t.rev(), true);
      }
    }
    List<Task> out = new ArrayList<>();
    for (Task t : sel) {
      out.add(new Task(t.rev(), t.name(), t.baseline(), t.created(), TaskState.QUEUED, t.params(), null, null, null,
          null, null, null));
    }
    return out;
  }

  /**
   * The log of a task that has run or runs: the local run's output, or the file the batch job
   * writes (readable here when the repository, or {@code log_dir}, is on a filesystem the nodes
   * share).
   *
   * @throws CairnException (invalid input) for an unknown task; (unexpected state) for a queued one
   *     or one without a log
   */
  public Path log(String spec) throws CairnException, IOException {
    Task t = find(spec, Set.of());
    if (t.state() == TaskState.QUEUED) {
      throw CairnException.unexpectedState("Experiment '" + spec + "' is in the queue but has not been started");
    }
    if (t.log() == null || !Files.exists(t.log())) {
      throw CairnException.unexpectedState("No output logs found for experiment '" + spec + "'"
          + (t.log() == null ? "" : " (expected at " + t.log() + ")"));
    }
    return t.log();
  }

  /** The current state of one task (after the caller's {@link #reconcile()}), or empty when it left the queue. */
  public Optional<Task> task(String rev) throws IOException {
    return tasks().stream().filter(t -> t.rev().equals(rev)).findFirst();
  }

  // ---- local workers (queue start / stop)

  /**
   * The local worker processes ({@code queue start}) that still run, and whether each runs a task.
   *
   * @return pid → number of tasks it runs now
   */
  public Map<Long, Integer> workers() throws IOException {
    Map<Long, Integer> out = new LinkedHashMap<>();
    Path d = store.workersDir();
    if (!Files.isDirectory(d)) {
      return out;
    }
    List<TaskRecord> records = store.all();
    try (var s = Files.list(d)) {
      for (Path f : s.sorted().toList()) {
        String n = f.getFileName().toString();
        if (!n.endsWith(".pid")) {
          continue;
        }
        long pid;
        long start;
        try {
          String[] parts = Files.readString(f, StandardCharsets.UTF_8).strip().split(" ");
          pid = Long.parseLong(parts[0]);
          start = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
        } catch (IOException | RuntimeException e) {
          continue;
        }
        TaskRecord probe = new TaskRecord("", "", "", TaskRecord.LOCAL, TaskRecord.RUNNING, null, null, pid, start,
            null, null, null, 0, 0, null);
        if (!alive(probe)) {
          Files.deleteIfExists(f);
          continue;
        }
        int n2 = (int) records.stream().filter(r -> r.active() && r.local() && r.pid() == pid).count();
        out.put(pid, n2);
      }
    }
    return out;
  }

  /**
   * Runs this process as a local queue worker ({@code queue start} starts it in the background):
   * registers it, runs the queue like {@link #runLocal} until it is empty or {@link #stopWorkers}
   * is called, then unregisters.
   */
  public RunResult work(int jobs, ReproListener listener) throws CairnException, IOException {
    Files.createDirectories(store.workersDir());
    ProcessHandle self = ProcessHandle.current();
    long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    Path me = store.workersDir().resolve(self.pid() + ".pid");
    TaskStore.atomicWrite(me, (self.pid() + " " + start + "\n").getBytes(StandardCharsets.UTF_8));
    long since = System.currentTimeMillis();
    Path stopFile = store.workersDir().resolve("stop");
    try {
      return runLocal(jobs, listener, jobs > 1, () -> {
        try {
          return Files.exists(stopFile) && Files.getLastModifiedTime(stopFile).toMillis() >= since - 1000;
        } catch (IOException e) {
          return false;
        }
      });
    } finally {
      Files.deleteIfExists(me);
    }
  }

  /**
   * Asks the local workers to stop taking entries (they finish what they run, then exit); with
   * {@code kill}, every running task is also killed, local or batch.
   *
   * @return the tasks killed
   */
  public List<Task> stopWorkers(boolean kill) throws CairnException, IOException {
    Files.createDirectories(store.workersDir());
    TaskStore.atomicWrite(store.workersDir().resolve("stop"),
        (Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
    if (!kill) {
      return List.of();
    }
    List<String> running = tasks().stream().filter(t -> t.state() == TaskState.RUNNING).map(Task::rev).toList();
    return running.isEmpty() ? List.of() : kill(running, true);
  }

  /** The repository the queue belongs to. */
  public Repo repo() {
    return repo;
  }
}
