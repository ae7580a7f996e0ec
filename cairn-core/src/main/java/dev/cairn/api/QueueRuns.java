package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpFailedException;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpRef;
import dev.cairn.exp.ExpRunResult;
import dev.cairn.queue.ExperimentQueue;
import dev.cairn.queue.Task;
import dev.cairn.queue.TaskState;
import dev.cairn.repo.Repo;
import dev.cairn.repro.ReproListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/** {@code exp run --run-all [--executor <name>]}: the queue run to its end, in process or by a batch engine. */
final class QueueRuns {
  private QueueRuns() {}

  static ExpRunResult runAll(Repo repo, String executor, int jobs, ReproListener listener, long pollMillis)
      throws CairnException, IOException {
    if (!ExperimentQueue.executors().contains(executor)) {
      throw CairnException.invalidInput("Unknown executor '" + executor + "' (expected one of "
          + String.join(", ", ExperimentQueue.executors()) + ")");
    }
    List<ExpRunResult.Experiment> done;
    List<ExpRunResult.Failed> failed;
    try (ExperimentQueue q = ExperimentQueue.open(repo)) {
      if (executor.equals("local")) {
        ExperimentQueue.RunResult r = q.runLocal(jobs, listener, jobs > 1, () -> false);
        done = r.experiments();
        failed = r.failed();
      } else {
        List<Task> submitted = q.submit(executor, t -> listener.message(null, "Submitted experiment '" + t.name()
            + "' to " + t.executor() + " as job " + t.jobId()));
        Set<String> revs = new LinkedHashSet<>();
        submitted.forEach(t -> revs.add(t.rev()));
        await(repo, q, revs, listener, pollMillis);
        done = new ArrayList<>();
        failed = new ArrayList<>();
        try (Repository git = ExpGit.open(repo.root())) {
          for (String rev : revs) {
            Task t = q.task(rev).orElse(null);
            if (t == null) {
              continue; // removed meanwhile
            }
            if (t.state() == TaskState.SUCCESS && t.ref() != null) {
              done.add(experiment(git, t));
            } else if (t.state() == TaskState.FAILED) {
              failed.add(new ExpRunResult.Failed(t.name(), t.baseline(), null, t.reason()));
            }
          }
        }
      }
    }
    ExpRunResult result = new ExpRunResult(done, List.of(), failed, false);
    if (!failed.isEmpty()) {
      int n = done.size() + failed.size();
      ExpRunResult.Failed f = failed.get(0);
      throw new ExpFailedException(failed.size() + " of " + n + " queued experiment" + (n > 1 ? "s" : "")
          + " failed; first: '" + f.name() + "': " + f.message() + " (kept under " + ExpRef.CELERY_FAILED_STASH + ")",
          result);
    }
    return result;
  }

  /** Polls until every task of {@code revs} has ended, telling the listener each change of state. */
  private static void await(Repo repo, ExperimentQueue q, Set<String> revs, ReproListener listener, long pollMillis)
      throws CairnException, IOException {
    Map<String, String> last = new HashMap<>();
    while (true) {
      ExperimentQueue.Reconciliation r = q.reconcile();
      List<String> warnings = new ArrayList<>();
      QueueCommand.fetchOutputs(repo, r.commits(), warnings);
      warnings.forEach(w -> listener.message(null, "WARNING: " + w));
      boolean open = false;
      for (Task t : q.tasks()) {
        if (!revs.contains(t.rev())) {
          continue;
        }
        String what = t.state() == TaskState.RUNNING ? t.executor() + " job " + t.jobId() + " " + t.jobState()
            : t.state() == TaskState.FAILED ? "failed: " + t.reason() : t.state().label();
        if (!what.equals(last.put(t.rev(), what))) {
          listener.message(null, "Experiment '" + t.label() + "': " + what);
        }
        open |= t.state() == TaskState.RUNNING || t.state() == TaskState.QUEUED;
      }
      if (!open) {
        return;
      }
      try {
        Thread.sleep(pollMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CairnException.failed("Interrupted while waiting for the jobs; they run on: follow them with"
            + " 'cairn queue status'", e);
      }
    }
  }

  private static ExpRunResult.Experiment experiment(Repository git, Task t) throws IOException {
    ObjectId id = git.resolve(t.ref());
    String hash = "";
    if (id != null) {
      try (RevWalk rw = new RevWalk(git)) {
        String msg = rw.parseCommit(id).getFullMessage().strip();
        hash = msg.startsWith("dvc: commit experiment ") ? msg.substring("dvc: commit experiment ".length()) : "";
      }
    }
    return new ExpRunResult.Experiment(t.name(), t.ref(), id == null ? "" : id.name(), t.baseline(), hash);
  }
}
