package dev.cairn.ui;

import dev.cairn.api.Cairn;
import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpFailedException;
import dev.cairn.exp.ExpRunResult;
import dev.cairn.exp.ExpRunner;
import dev.cairn.repro.ReproListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one place the dashboard calls the experiment queue and the experiment write commands of the
 * library ({@code dev.cairn.api} and {@code dev.cairn.exp}): queue with {@code -S}, list the queue,
 * run it in the background, apply, branch, remove. Kept small so that a richer queue API can replace
 * these calls in one class.
 */
final class ExperimentActions implements AutoCloseable {
  private final Path root;
  private final Map<String, String> env;
  private final Jobs jobs;
  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "cairn-ui-queue");
    t.setDaemon(true);
    return t;
  });

  ExperimentActions(Path root, Map<String, String> env, Jobs jobs) {
    this.root = root;
    this.env = env;
    this.jobs = jobs;
  }

  private Cairn open() throws CairnException {
    return Cairn.open(root, env);
  }

  /** {@code exp run --queue -S ... [-n name]}: the queued entry. */
  ExpRunResult.Queued queue(List<String> setParams, String name) throws CairnException {
    try (Cairn c = open()) {
      var cmd = c.expRun().setQueue(true);
      setParams.forEach(cmd::addSetParam);
      if (name != null && !name.isBlank()) {
        cmd.setName(name.strip());
      }
      List<ExpRunResult.Queued> q = cmd.call().queued();
      if (q.isEmpty()) {
        throw CairnException.failed("Nothing was queued", null);
      }
      return q.get(0);
    }
  }

  /** The queued entries, oldest first. */
  List<ExpRunResult.Queued> queued() throws CairnException, IOException {
    try (Cairn c = open()) {
      return new ExpRunner(c.repo()).queued();
    }
  }

  /**
   * {@code exp run --run-all -j n} in the background: the job that runs it. One queue run at a time;
   * a second request while one runs is refused.
   */
  Jobs.Job runQueue(int parallel) throws CairnException, IOException {
    List<String> names = queued().stream().map(ExpRunResult.Queued::name).toList();
    if (names.isEmpty()) {
      throw CairnException.invalidInput("The queue is empty; queue an experiment first");
    }
    Jobs.Job job;
    try {
      job = jobs.start("run queue (" + names.size() + " experiment" + (names.size() == 1 ? "" : "s")
        + ", -j " + parallel + ")", names, parallel);
    } catch (IllegalStateException e) {
      throw CairnException.unexpectedState(e.getMessage());
    }
    runner.submit(() -> {
      try (Cairn c = open()) {
        ExpRunResult r = c.expRun().setRunAll(true).setJobs(parallel).setListener(listener(job)).call();
        job.finish(r, null);
      } catch (ExpFailedException e) {
        job.finish(e.result(), e.getMessage());
      } catch (CairnException | RuntimeException e) {
        job.finish(null, String.valueOf(e.getMessage()));
      }
    });
    return job;
  }

  private static ReproListener listener(Jobs.Job job) {
    return new ReproListener() {
      @Override
      public void message(String stage, String text) {
        job.log(stage, text);
      }

      @Override
      public void output(String stage, boolean stderr, String line) {
        job.log(stage, line);
      }
    };
  }

  /** {@code exp apply}: the applied experiment's name. */
  String apply(String exp, boolean force) throws CairnException {
    try (Cairn c = open()) {
      return c.expApply().setExperiment(exp).setForce(force).call().experiment().name();
    }
  }

  /** {@code exp branch}: the new branch's name. */
  String branch(String exp, String branch) throws CairnException {
    try (Cairn c = open()) {
      var cmd = c.expBranch().setExperiment(exp);
      if (branch != null && !branch.isBlank()) {
        cmd.setBranch(branch.strip());
      }
      return cmd.call();
    }
  }

  /** {@code exp remove}: the removed names. */
  List<String> remove(List<String> exps) throws CairnException {
    if (exps.isEmpty()) {
      throw CairnException.invalidInput("Name at least one experiment to remove");
    }
    try (Cairn c = open()) {
      var cmd = c.expRemove();
      exps.forEach(cmd::addExperiment);
      return new ArrayList<>(cmd.call().removed());
    }
  }

  @Override
  public void close() {
    runner.shutdownNow();
  }
}
