package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.pipeline.Dag;
import dev.cairn.repo.Repo;
import dev.cairn.repro.ReproListener;
import dev.cairn.repro.ReproOptions;
import dev.cairn.repro.ReproResult;
import dev.cairn.repro.Reproducer;
import dev.cairn.repro.StageFailedException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code repro}: brings pipeline stages up to date as {@code dvc repro} does (reference §6.2):
 * only stages whose command, deps, params or outs changed run; outputs are restored from the
 * run-cache when the same inputs ran before; {@code dvc.lock} is updated after each stage.
 *
 * <pre>{@code
 * ReproResult r = cairn.repro().addTarget("train").setJobs(4).setListener(printer).call();
 * }</pre>
 *
 * <p>Throws {@link StageFailedException} (kind {@code FAILED}) after the run when a stage failed,
 * with the first failure in its message; {@link dev.cairn.pipeline.PipelineException} (kind {@code
 * INVALID_INPUT}) for an invalid pipeline, unknown targets or missing inputs, before anything runs.
 */
public final class ReproCommand extends RepoCommand<ReproResult> {
  private final List<String> targets = new ArrayList<>();
  private Dag.Scope scope = Dag.Scope.UPSTREAM;
  private boolean force;
  private boolean forceDownstream;
  private boolean dry;
  private boolean keepGoing;
  private boolean noCommit;
  private boolean noRunCache;
  private int jobs = 1;
  private boolean allowMissing;
  private Path cwd;
  private ReproListener listener = ReproListener.NONE;

  ReproCommand(Repo repo) {
    super(repo);
    this.cwd = repo.root();
  }

  /** Adds a target: a stage name, {@code dvc.yaml:name}, {@code dir/dvc.yaml:name} or {@code dir/dvc.yaml}. */
  public ReproCommand addTarget(String target) {
    targets.add(Objects.requireNonNull(target));
    return this;
  }

  /** Which stages around the targets run: upstream (default), {@code -s}, {@code --downstream}, {@code -p}, {@code -P}. */
  public ReproCommand setScope(Dag.Scope scope) {
    this.scope = Objects.requireNonNull(scope);
    return this;
  }

  /** {@code -f}: run every planned stage even if unchanged, without the run-cache. */
  public ReproCommand setForce(boolean force) {
    this.force = force;
    return this;
  }

  /** {@code --force-downstream}: run every stage downstream of a stage that ran or was restored. */
  public ReproCommand setForceDownstream(boolean forceDownstream) {
    this.forceDownstream = forceDownstream;
    return this;
  }

  /** {@code --dry}: print the commands of the stages that would run; change nothing. */
  public ReproCommand setDry(boolean dry) {
    this.dry = dry;
    return this;
  }

  /** {@code -k}: after a failure, keep running the stages that do not depend on it. */
  public ReproCommand setKeepGoing(boolean keepGoing) {
    this.keepGoing = keepGoing;
    return this;
  }

  /** {@code --no-commit}: leave outputs out of the cache and write no run-cache entries. */
  public ReproCommand setNoCommit(boolean noCommit) {
    this.noCommit = noCommit;
    return this;
  }

  /** {@code --no-run-cache}: never restore outputs from run-cache entries. */
  public ReproCommand setNoRunCache(boolean noRunCache) {
    this.noRunCache = noRunCache;
    return this;
  }

  /** {@code -j}: stages run at the same time (at least 1; default 1). */
  public ReproCommand setJobs(int jobs) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
    this.jobs = jobs;
    return this;
  }

  /**
   * {@code --allow-missing}: do not run a stage whose only changes are missing outputs and deleted
   * deps (see {@link ReproOptions#allowMissing()}). Off by default.
   */
  public ReproCommand setAllowMissing(boolean allowMissing) {
    this.allowMissing = allowMissing;
    return this;
  }

  /** The directory targets are relative to and whose {@code dvc.yaml} is the default; the root by default. */
  public ReproCommand setWorkingDirectory(Path cwd) {
    this.cwd = Objects.requireNonNull(cwd);
    return this;
  }

  /** Where log lines and command output go (thread-safe); dropped by default. */
  public ReproCommand setListener(ReproListener listener) {
    this.listener = Objects.requireNonNull(listener);
    return this;
  }

  @Override
  boolean writes() {
    return !dry;
  }

  @Override
  ReproResult run() throws IOException, CairnException {
    return Reproducer.reproduce(repo, new ReproOptions(targets, scope, force, forceDownstream, dry, keepGoing, noCommit,
        noRunCache, jobs, allowMissing), cwd, listener);
  }
}
