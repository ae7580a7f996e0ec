package dev.cairn.queue;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpQueue;
import dev.cairn.exp.ExpRef;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * A batch executor's side on the submitting machine: hands queued entries to the engine as jobs and
 * reconciles the task records with what the engine and the Git remote say. Submitting pushes the
 * entry as {@code refs/exps/celery/queue/<rev>} to the Git remote, writes the worker script and
 * submits it; the record holds the job id. Reconciling polls the engine: a job that ended well has
 * pushed its experiment ref, which is fetched (the entry leaves the queue); one that failed, was
 * cancelled or timed out moves the entry to the failed queue with the engine's reason.
 */
final class BatchRunner {
  /** A record still being submitted is left alone this long while its submitting process lives. */
  private final Repo repo;
  private final Repository git;
  private final TaskStore store;
  private final GitCli gitCli;
  private final String executor;
  private final BatchEngine engine;
  private final WorkerSettings worker;

  BatchRunner(Repo repo, Repository git, TaskStore store, String executor, ExecutorConfig.Batch batch) {
    this.repo = repo;
    this.git = git;
    this.store = store;
    this.gitCli = new GitCli(repo.root(), repo.env());
    this.executor = executor;
    this.engine = batch.engine();
    this.worker = batch.worker();
  }

  /** What reconciling found: experiments collected, entries that failed. */
  record Reconciled(List<Collected> collected, List<TaskRecord> failed) {}

  /** One experiment collected from a finished job. */
  record Collected(String rev, String name, String ref, ObjectId commit) {}

  /**
   * Submits every entry no executor has, oldest first.
   *
   * @return the records of the jobs submitted
   * @throws CairnException when the Git remote or the engine refuses; the entries submitted before
   *     keep their jobs, the failing one stays queued
   */
  List<TaskRecord> submitAll(SubmitListener listener) throws CairnException, IOException {
    String url = gitUrl();
    List<TaskRecord> out = new ArrayList<>();
    while (true) {
      TaskRecord r = claimNext(url);
      if (r == null) {
        return out;
      }
      try {
        out.add(submit(r));
      } catch (CairnException | IOException | RuntimeException e) {
        try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
          store.delete(r.rev(), true);
        }
        throw e;
      }
      listener.submitted(out.get(out.size() - 1));
    }
  }

  /** Receives each submission as it happens. */
  interface SubmitListener {
    void submitted(TaskRecord r);
  }

  /** The Git remote's URL as the workers will use it; fails clearly when it is not configured. */
  String gitUrl() throws CairnException {
    String name = worker.gitRemote();
    String url = gitCli.url(name);
    boolean configured = gitCli.run("config", "--get", "remote." + name + ".url").ok();
    if (!configured && !url.contains("://") && !url.contains("@") && !Files.exists(Path.of(url))) {
      throw CairnException.invalidInput("The " + executor + " workers clone from the Git remote '" + name
          + "', which this repository does not have; add it ('git remote add " + name + " <url>') or set "
          + "executors." + executor + ".git_remote in cairn.yaml to a remote the workers can reach");
    }
    return url;
  }

  private TaskRecord claimNext(String url) throws IOException {
    try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
      for (ExpQueue.Entry e : new ExpQueue(git, ExpRef.CELERY_STASH).list()) {
        String rev = e.commit().name();
        if (store.read(rev).isPresent()) {
          continue;
        }
        String name = e.name().isEmpty() ? "exp-" + rev.substring(0, 7) : e.name();
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        TaskRecord r = new TaskRecord(rev, name, e.baseline(), executor, TaskRecord.SUBMITTING, null, null,
            self.pid(), start, null, null, null, System.currentTimeMillis(), 0, url);
        store.write(r);
        return r;
      }
      return null;
    }
  }

  private TaskRecord submit(TaskRecord r) throws CairnException, IOException {
    String rev = r.rev();
    String queueRef = WorkerScript.queueRef(rev);
    gitCli.check("Cannot hand experiment '" + r.name() + "' to the " + executor + " workers through the Git remote "
        + r.gitUrl(), "push", "--quiet", "--force", r.gitUrl(), rev + ":" + queueRef);
    String script = new WorkerScript(r.gitUrl(), rev, r.name(), worker.cairn(), worker.remote(), worker.workdir()).text();
    String log = worker.logDir() == null ? store.dir(rev).resolve(executor + "-%j.out").toString()
        : Path.of(worker.logDir()).resolve("cairn-" + rev.substring(0, 12) + "-%j.out").toString();
    if (worker.logDir() != null) {
      Files.createDirectories(Path.of(worker.logDir()));
    }
    JobRequest job = new JobRequest(jobName(rev), script, store.dir(rev).resolve("job.sh"), log);
    Files.writeString(job.scriptFile(), script, StandardCharsets.UTF_8);
    String id = engine.submit(job);
    try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
      TaskRecord done = r.withJob(id, "SUBMITTED").withLog(job.logOf(id));
      store.write(done);
      return done;
    }
  }

  static String jobName(String rev) {
    return "cairn-" + rev.substring(0, 12);
  }

  /**
   * Brings this executor's active records up to date with the engine; finished jobs are collected
   * or failed. Safe to run from several processes: each change is made under the queue lock, on a
   * record read again under it.
   */
  Reconciled reconcile() throws CairnException, IOException {
    List<TaskRecord> active = new ArrayList<>();
    for (TaskRecord r : store.all()) {
      if (r.active() && executor.equals(r.executor())) {
        active.add(r);
      }
    }
    List<Collected> collected = new ArrayList<>();
    List<TaskRecord> failed = new ArrayList<>();
    if (active.isEmpty()) {
      return new Reconciled(collected, failed);
    }
    List<String> ids = new ArrayList<>();
    for (TaskRecord r : active) {
      if (r.jobId() == null) {
        adoptOrRelease(r);
      } else {
        ids.add(r.jobId());
      }
    }
    Map<String, JobStatus> states = ids.isEmpty() ? Map.of() : engine.poll(ids);
    for (TaskRecord r : active) {
      if (r.jobId() == null) {
        continue;
      }
      JobStatus s = states.get(r.jobId());
      if (s != null && !s.phase().done()) {
        update(r, s.display());
        continue;
      }
      Optional<Collected> c = s == null || s.phase() == JobStatus.Phase.SUCCEEDED ? fetchResult(r) : Optional.empty();
      if (c.isPresent()) {
        if (succeed(r, c.get(), s == null ? null : s.display())) {
          collected.add(c.get());
        }
      } else {
        String why = reason(r, s);
        if (fail(r, why, s == null ? "UNKNOWN" : s.display())) {
          failed.add(r.failed(why, null));
        }
      }
    }
    return new Reconciled(collected, failed);
  }

  private void adoptOrRelease(TaskRecord r) throws CairnException, IOException {
    Optional<ProcessHandle> p = ProcessHandle.of(r.pid());
    if (p.isPresent() && p.get().isAlive() && p.get().pid() != ProcessHandle.current().pid()) {
      return; // still being submitted by that process
    }
    if (p.isPresent() && p.get().pid() == ProcessHandle.current().pid()) {
      return;
    }
    List<String> found = engine.findByName(jobName(r.rev()));
    try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
      Optional<TaskRecord> now = store.read(r.rev());
      if (now.isEmpty() || now.get().jobId() != null) {
        return;
      }
      if (found.isEmpty()) {
        store.delete(r.rev(), true); // never submitted: the entry is simply queued again
      } else {
        String id = found.get(found.size() - 1);
        store.write(now.get().withJob(id, "SUBMITTED").withLog(logOf(now.get(), id)));
      }
    }
  }

  private String logOf(TaskRecord r, String id) {
    return worker.logDir() == null ? store.dir(r.rev()).resolve(executor + "-" + id + ".out").toString()
        : Path.of(worker.logDir()).resolve("cairn-" + r.rev().substring(0, 12) + "-" + id + ".out").toString();
  }

  private void update(TaskRecord r, String state) throws IOException {
    if (state.equals(r.jobState())) {
      return;
    }
    try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
      Optional<TaskRecord> now = store.read(r.rev());
      if (now.isPresent() && now.get().active() && r.jobId().equals(now.get().jobId())) {
        store.write(now.get().withState(state));
      }
    }
  }

  /** Fetches the experiment ref the job pushed, if it did. */
  private Optional<Collected> fetchResult(TaskRecord r) throws CairnException, IOException {
    ExpRef ref = new ExpRef(r.baseline(), r.name());
    GitCli.Result res = gitCli.run("fetch", "--quiet", r.gitUrl(), "+" + ref.refName() + ":" + ref.refName());
    if (!res.ok()) {
      return Optional.empty();
    }
    ObjectId commit = git.resolve(ref.refName());
    return commit == null ? Optional.empty()
        : Optional.of(new Collected(r.rev(), r.name(), ref.refName(), commit.copy()));
  }

  private boolean succeed(TaskRecord r, Collected c, String state) throws IOException, CairnException {
    try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
      Optional<TaskRecord> now = store.read(r.rev());
      if (now.isEmpty() || !now.get().active()) {
        return false;
      }
      store.write(now.get().succeeded(c.ref(), state == null ? "COMPLETED" : state));
      new ExpQueue(git, ExpRef.CELERY_STASH).drop(ObjectId.fromString(r.rev()));
      Files.deleteIfExists(store.killRequest(r.rev()));
    }
    dropQueueRef(r);
    return true;
  }

  private boolean fail(TaskRecord r, String why, String state) throws IOException, CairnException {
    try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
      Optional<TaskRecord> now = store.read(r.rev());
      if (now.isEmpty() || !now.get().active()) {
        return false;
      }
      ExpQueue stash = new ExpQueue(git, ExpRef.CELERY_STASH);
      ObjectId commit = ObjectId.fromString(r.rev());
      Optional<ExpQueue.Entry> e = stash.list().stream().filter(x -> x.commit().equals(commit)).findFirst();
      store.write(now.get().failed(why, state));
      if (e.isPresent()) {
        new ExpQueue(git, ExpRef.CELERY_FAILED_STASH).push(e.get().withName(r.name()));
        stash.drop(commit);
      }
      Files.deleteIfExists(store.killRequest(r.rev()));
    }
    dropQueueRef(r);
    return true;
  }

  private void dropQueueRef(TaskRecord r) throws CairnException {
    gitCli.run("push", "--quiet", r.gitUrl(), ":" + WorkerScript.queueRef(r.rev())); // gone already: fine
  }

  private String reason(TaskRecord r, JobStatus s) {
    StringBuilder sb = new StringBuilder();
    sb.append(executor).append(" job ").append(r.jobId()).append(' ');
    if (s == null) {
      sb.append("is no longer known to ").append(executor).append(" and pushed no experiment");
    } else if (s.phase() == JobStatus.Phase.SUCCEEDED) {
      sb.append(s.display()).append(" but pushed no experiment ").append(new ExpRef(r.baseline(), r.name()).refName());
    } else {
      sb.append(s.display());
    }
    if (Files.exists(store.killRequest(r.rev()))) {
      sb.append(", by 'cairn queue kill'");
    }
    String line = lastError(r.log());
    if (line != null) {
      sb.append(": ").append(line);
    }
    return sb.toString();
  }

  /** The last {@code ERROR:} line of a job's log, when the log is readable here. */
  static String lastError(String log) {
    if (log == null) {
      return null;
    }
    try {
      Path p = Path.of(log);
      if (!Files.isRegularFile(p)) {
        return null;
      }
      String last = null;
      for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        if (l.startsWith("ERROR:")) {
          last = l.substring(6).strip();
        }
      }
      return last;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Cancels the job of a record; a kill request file lets the failure say who stopped it. */
  void kill(TaskRecord r, boolean force) throws CairnException, IOException {
    if (r.jobId() == null) {
      throw CairnException.unexpectedState("Experiment '" + r.name() + "' is still being submitted to " + executor
          + "; try again in a moment");
    }
    Files.createDirectories(store.dir(r.rev()));
    Files.writeString(store.killRequest(r.rev()), force ? "force\n" : "kill\n", StandardCharsets.UTF_8);
    engine.cancel(r.jobId(), force);
  }

  String executor() {
    return executor;
  }
}
