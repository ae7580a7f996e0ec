package dev.cairn.queue;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpQueue;
import dev.cairn.exp.ExpRef;
import dev.cairn.exp.ExpRunResult;
import dev.cairn.exp.ExpRunner;
import dev.cairn.repo.Repo;
import dev.cairn.repro.ReproListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.lib.Repository;

/**
 * The {@code local} executor: runs queued entries in temp workspaces of this repository, in this
 * process, up to {@code jobs} at once, taking entries until the queue is empty or a stop is asked.
 * Each entry gets a task record (this process's pid, so that a dead runner is noticed) and a log;
 * {@code queue kill} asks through a file in the task directory, which a watcher thread turns into
 * an interrupt of that entry's run (its stage processes are killed).
 */
final class LocalRunner {
  private final Repo repo;
  private final Repository git;
  private final TaskStore store;
  private final Map<String, Thread> running = new ConcurrentHashMap<>();
  private final Map<String, Boolean> killed = new ConcurrentHashMap<>();

  LocalRunner(Repo repo, Repository git, TaskStore store) {
    this.repo = repo;
    this.git = git;
    this.store = store;
  }

  /** The experiments made and the entries that failed, in the order they were taken. */
  record Outcome(List<ExpRunResult.Experiment> experiments, List<ExpRunResult.Failed> failed, int taken) {}

  /**
   * Runs entries until the queue has none left to take or {@code stop} says so.
   *
   * @param label prefix stage labels with the experiment name (several at once)
   */
  Outcome runAll(int jobs, ReproListener listener, boolean label, BooleanSupplier stop)
      throws IOException, CairnException {
    ExpRunner runner = new ExpRunner(repo);
    ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "exp-run");
      t.setDaemon(true);
      return t;
    });
    Semaphore slots = new Semaphore(jobs);
    List<Future<Object>> futures = new ArrayList<>();
    Thread watcher = new Thread(this::watchKills, "exp-kill-watch");
    watcher.setDaemon(true);
    watcher.start();
    try {
      while (!stop.getAsBoolean()) {
        if (!slots.tryAcquire(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          continue;
        }
        ExpQueue.Entry e = claimNext();
        if (e == null) {
          slots.release();
          if (slots.availablePermits() == jobs) {
            break; // nothing left to take and nothing running
          }
          Thread.sleep(200); // entries queued while others run are taken too
          continue;
        }
        futures.add(pool.submit(() -> {
          try {
            return runOne(runner, e, listener, label);
          } finally {
            slots.release();
          }
        }));
      }
      List<ExpRunResult.Experiment> done = new ArrayList<>();
      List<ExpRunResult.Failed> failed = new ArrayList<>();
      for (Future<Object> f : futures) {
        Object o = f.get();
        if (o instanceof ExpRunResult.Experiment x) {
          done.add(x);
        } else if (o instanceof ExpRunResult.Failed x) {
          failed.add(x);
        }
      }
      return new Outcome(done, failed, futures.size());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running queued experiments", ex);
    } catch (java.util.concurrent.ExecutionException ex) {
      Throwable c = ex.getCause();
      if (c instanceof CairnException ce) {
        throw ce;
      }
      throw c instanceof IOException io ? io : new IOException(String.valueOf(c.getMessage()), c);
    } finally {
      watcher.interrupt();
      pool.shutdownNow();
    }
  }

  /** Takes the oldest entry that no executor has: writes its record. Null when there is none. */
  private ExpQueue.Entry claimNext() throws IOException {
    try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
      for (ExpQueue.Entry e : new ExpQueue(git, ExpRef.CELERY_STASH).list()) {
        String rev = e.commit().name();
        if (store.read(rev).isPresent()) {
          continue; // taken, or an outcome the next reconcile finishes
        }
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        Files.createDirectories(store.dir(rev));
        Files.deleteIfExists(store.killRequest(rev));
        store.write(new TaskRecord(rev, e.name(), e.baseline(), TaskRecord.LOCAL, TaskRecord.RUNNING, null, null,
            self.pid(), start, store.localLog(rev).toString(), null, null, System.currentTimeMillis(), 0, null));
        return e;
      }
      return null;
    }
  }

  /** Runs one entry and records its outcome; returns the Experiment or the Failed. */
  private Object runOne(ExpRunner runner, ExpQueue.Entry e, ReproListener listener, boolean label)
      throws IOException, CairnException {
    String rev = e.commit().name();
    running.put(rev, Thread.currentThread());
    ExpRunner.EntryOutcome out;
    try (BufferedWriter log = Files.newBufferedWriter(store.localLog(rev), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ReproListener tee = tee(log, label ? prefixed(listener, e.name().isEmpty() ? rev.substring(0, 7) : e.name())
          : listener);
      try {
        out = runner.runEntry(e, tee, false);
      } catch (IOException | CairnException | RuntimeException ex) {
        out = new ExpRunner.EntryOutcome(null, new ExpRunResult.Failed(e.name(), e.baseline(), null,
            String.valueOf(ex.getMessage())));
      }
      if (out.failed() != null) {
        tee.message(null, "ERROR: " + reason(rev, out.failed()));
      }
    } finally {
      running.remove(rev);
      Thread.interrupted(); // a kill that came late must not fail the bookkeeping below
    }
    return finish(e, out);
  }

  private String reason(String rev, ExpRunResult.Failed f) {
    if (killed.containsKey(rev)) {
      return "killed by 'cairn queue kill'";
    }
    return f.message() + (f.exitCode() == null ? "" : " (exit code " + f.exitCode() + ")");
  }

  private Object finish(ExpQueue.Entry e, ExpRunner.EntryOutcome out) throws IOException {
    String rev = e.commit().name();
    try (ExpQueue.Lock lock = ExpQueue.lock(repo.dvcDir())) {
      TaskRecord r = store.read(rev).orElse(new TaskRecord(rev, e.name(), e.baseline(), TaskRecord.LOCAL,
          TaskRecord.RUNNING, null, null, 0, 0, store.localLog(rev).toString(), null, null, 0, 0, null));
      if (out.failed() == null) {
        ExpRunResult.Experiment x = out.experiment();
        store.write(new TaskRecord(rev, x.name(), r.baseline(), r.executor(), r.status(), null, null, r.pid(),
            r.pidStart(), r.log(), null, null, r.started(), 0, null).succeeded(x.ref(), null));
        new ExpQueue(git, ExpRef.CELERY_STASH).drop(e.commit());
        Files.deleteIfExists(store.killRequest(rev));
        killed.remove(rev);
        return x;
      }
      String why = reason(rev, out.failed());
      store.write(r.failed(why, null));
      new ExpQueue(git, ExpRef.CELERY_FAILED_STASH).push(e);
      new ExpQueue(git, ExpRef.CELERY_STASH).drop(e.commit());
      Files.deleteIfExists(store.killRequest(rev));
      killed.remove(rev);
      ExpRunResult.Failed f = out.failed();
      return new ExpRunResult.Failed(f.name(), f.baseline(), f.exitCode(), why);
    }
  }

  /** Every 200 ms: a kill request for an entry this runner runs interrupts its thread. */
  private void watchKills() {
    while (!Thread.currentThread().isInterrupted()) {
      for (Map.Entry<String, Thread> r : running.entrySet()) {
        if (Files.exists(store.killRequest(r.getKey())) && killed.putIfAbsent(r.getKey(), true) == null) {
          r.getValue().interrupt();
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static ReproListener tee(BufferedWriter log, ReproListener to) {
    return new ReproListener() {
      @Override
      public void message(String stage, String text) {
        write(text);
        to.message(stage, text);
      }

      @Override
      public void output(String stage, boolean stderr, String line) {
        write(line);
        to.output(stage, stderr, line);
      }

      private void write(String line) {
        synchronized (log) {
          try {
            log.write(line);
            log.write('\n');
            log.flush();
          } catch (IOException e) {
            // the log is a convenience; the run goes on without it
          }
        }
      }
    };
  }

  static ReproListener prefixed(ReproListener l, String name) {
    return new ReproListener() {
      @Override
      public void message(String stage, String text) {
        l.message(stage == null ? name : name + ":" + stage, text);
      }

      @Override
      public void output(String stage, boolean stderr, String line) {
        l.output(name + ":" + stage, stderr, line);
      }
    };
  }
}
