package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpRunOptions;
import dev.cairn.exp.ExpRunResult;
import dev.cairn.exp.ExpRunner;
import dev.cairn.repo.Repo;
import dev.cairn.repro.ReproListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code exp run}: applies {@code -S} overrides, reproduces the pipeline and saves the result as an
 * experiment commit (parent: HEAD) under {@code refs/exps/<sha[0:2]>/<sha[2:]>/<name>}, leaving HEAD,
 * the branches and the index alone; the workspace keeps the results. With {@link #setQueue} the
 * experiment is only queued, with {@link #setRunAll} the queue runs (each entry in its own temp
 * workspace under {@code .dvc/tmp/exps}, up to {@link #setJobs} at once), with {@link #setTemp} this
 * one runs in a temp workspace.
 *
 * <pre>{@code
 * ExpRunResult r = cairn.expRun().addSetParam("train.C=10").setName("c10").call();
 * }</pre>
 *
 * <p>Errors: an unknown param key, a bad or already used name → {@code INVALID_INPUT}; no Git
 * repository or no commit → {@code UNEXPECTED_STATE}; a failing stage in the workspace → {@link
 * dev.cairn.repro.StageFailedException}; failing queued/temp experiments → {@link
 * dev.cairn.exp.ExpFailedException} (kind {@code FAILED}) holding the ones that completed too.
 */
public final class ExpRunCommand extends RepoCommand<ExpRunResult> {
  private final List<String> setParams = new ArrayList<>();
  private final List<String> targets = new ArrayList<>();
  private String name;
  private boolean force;
  private boolean queue;
  private boolean runAll;
  private boolean temp;
  private int jobs = 1;
  private boolean dry;
  private boolean allowMissing;
  private ReproListener listener = ReproListener.NONE;
  private String executor = "local";
  private long pollMillis = 2000;

  ExpRunCommand(Repo repo) {
    super(repo);
  }

  /** Adds a {@code -S} override ({@code key=v}, {@code +key=v}, {@code ++key=v}, {@code ~key}, {@code file:key=v}). */
  public ExpRunCommand addSetParam(String override) {
    setParams.add(Objects.requireNonNull(override));
    return this;
  }

  /** Adds a stage to reproduce (default: all). */
  public ExpRunCommand addTarget(String target) {
    targets.add(Objects.requireNonNull(target));
    return this;
  }

  /** {@code -n}: the experiment's name (default: a random {@code adjective-noun}). */
  public ExpRunCommand setName(String name) {
    this.name = name;
    return this;
  }

  /** {@code -f}: run every stage even if unchanged, and replace an experiment of the same name. */
  public ExpRunCommand setForce(boolean force) {
    this.force = force;
    return this;
  }

  /** {@code --queue}: only add the experiment to the queue. */
  public ExpRunCommand setQueue(boolean queue) {
    this.queue = queue;
    return this;
  }

  /** {@code --run-all}: run every queued experiment. */
  public ExpRunCommand setRunAll(boolean runAll) {
    this.runAll = runAll;
    return this;
  }

  /** {@code --temp}: run in a temp workspace, leaving this one untouched. */
  public ExpRunCommand setTemp(boolean temp) {
    this.temp = temp;
    return this;
  }

  /** {@code -j}: queued experiments run at once by {@code --run-all} (at least 1). */
  public ExpRunCommand setJobs(int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
    this.jobs = jobs;
    return this;
  }

  /**
   * With {@link #setRunAll}: the executor that runs the queue, {@code local} (default: temp
   * workspaces of this repository, in this process) or a batch engine ({@code slurm}: one job per
   * entry; this command waits for them, reports their states through the listener and collects the
   * experiments).
   */
  public ExpRunCommand setExecutor(String executor) {
    this.executor = Objects.requireNonNull(executor);
    return this;
  }

  /** With a batch executor: how often the engine is asked about the jobs (default 2000 ms). */
  public ExpRunCommand setPollMillis(long pollMillis) {
    if (pollMillis < 1) {
      throw new IllegalArgumentException("pollMillis must be positive");
    }
    this.pollMillis = pollMillis;
    return this;
  }

  /**
   * {@code --dry}: apply the overrides in a temp workspace and report the commands of the stages that
   * would run there (through the listener); nothing runs or is saved, the workspace is untouched.
   */
  public ExpRunCommand setDry(boolean dry) {
    this.dry = dry;
    return this;
  }

  /** {@code --allow-missing}: a stage whose only changes are missing data (deleted, not in cache) does not run. */
  public ExpRunCommand setAllowMissing(boolean allowMissing) {
    this.allowMissing = allowMissing;
    return this;
  }

  /** Where repro log lines and command output go (thread-safe). */
  public ExpRunCommand setListener(ReproListener listener) {
    this.listener = Objects.requireNonNull(listener);
    return this;
  }

  @Override
  boolean writes() {
    return false; // the repro runs take the lock of the workspace they run in
  }

  @Override
  ExpRunResult run() throws IOException, CairnException {
    if (queue && runAll) {
      throw CairnException.invalidInput("--queue and --run-all cannot be combined; queue first, then run the queue");
    }
    if (runAll && (!setParams.isEmpty() || name != null || !targets.isEmpty())) {
      throw CairnException.invalidInput("--run-all runs the queued experiments as queued; -S, -n and targets go"
          + " with --queue");
    }
    if (dry && (queue || runAll)) {
      throw CairnException.invalidInput("--dry cannot be combined with --queue or --run-all");
    }
    if (!runAll && !executor.equals("local")) {
      throw CairnException.invalidInput("--executor goes with --run-all (or 'cairn queue start'): queue the"
          + " experiment with --queue first");
    }
    if (runAll) {
      return QueueRuns.runAll(repo, executor, jobs, listener, pollMillis);
    }
    return new ExpRunner(repo).run(new ExpRunOptions(setParams, name, targets, force, queue, runAll, temp, jobs,
        listener, dry, allowMissing));
  }
}
