package dev.cairn.repro;

import dev.cairn.pipeline.Dag;
import java.util.List;

/**
 * Options of a repro run, as DVC's {@code repro} flags.
 *
 * @param targets stage addresses ({@code train}, {@code dir/dvc.yaml:train}); empty means every stage
 *     of the pipeline in the working directory
 * @param scope which stages around the targets are planned ({@code -s}, {@code --downstream}, {@code
 *     -p}, {@code -P})
 * @param force {@code -f}: run every planned stage, without the run-cache
 * @param forceDownstream {@code --force-downstream}: run every stage downstream of a stage that ran or
 *     was restored, as if forced
 * @param dry {@code --dry}: only print the commands of the stages that would run
 * @param keepGoing {@code -k}: after a failure, keep running stages that do not depend on it
 * @param noCommit {@code --no-commit}: do not store outputs in the cache nor write run-cache entries
 * @param noRunCache {@code --no-run-cache}: never restore from run-cache entries
 * @param jobs stages run at the same time (1 or more)
 * @param allowMissing {@code --allow-missing}: a stage whose only changes are missing outputs (deleted
 *     or not in the cache) and deleted deps is not run, as in DVC (a CI check that the pipeline is up
 *     to date without the data); a deleted dep still counts when the lock entry of the stage that
 *     produces it records another hash
 */
public record ReproOptions(List<String> targets, Dag.Scope scope, boolean force, boolean forceDownstream, boolean dry,
    boolean keepGoing, boolean noCommit, boolean noRunCache, int jobs, boolean allowMissing) {
  public ReproOptions {
    targets = List.copyOf(targets);
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
  }

  /** Options without {@code --allow-missing}. */
  public ReproOptions(List<String> targets, Dag.Scope scope, boolean force, boolean forceDownstream, boolean dry,
      boolean keepGoing, boolean noCommit, boolean noRunCache, int jobs) {
    this(targets, scope, force, forceDownstream, dry, keepGoing, noCommit, noRunCache, jobs, false);
  }

  /** Defaults: every stage, upstream scope, serial. */
  public static ReproOptions defaults() {
    return new ReproOptions(List.of(), Dag.Scope.UPSTREAM, false, false, false, false, false, false, 1);
  }
}
