package dev.cairn.exp;

import dev.cairn.repro.ReproListener;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@code exp run}.
 *
 * @param setParams the {@code -S} overrides as typed ({@link ParamOverride} syntax)
 * @param name {@code -n}: the experiment name, or null for a random {@code adjective-noun}
 * @param targets stages to reproduce (empty: all)
 * @param force {@code -f}: run every stage even if unchanged, and replace an experiment of the same name
 * @param queue {@code --queue}: only add an entry to the queue; the workspace is not touched
 * @param runAll {@code --run-all}: run every queued entry, each in its own temp workspace
 * @param temp {@code --temp}: run this one experiment in a temp workspace instead of the workspace
 * @param jobs {@code -j}: queued entries run at the same time by {@code --run-all}
 * @param listener where repro log lines and command output go; with {@code --run-all} and jobs &gt; 1
 *     the stage label is prefixed with the experiment name ({@code name:stage})
 * @param dry {@code --dry}: apply the overrides in a temp workspace and print the commands of the
 *     stages that would run there; nothing runs, nothing is saved, the workspace is untouched
 * @param allowMissing {@code --allow-missing}: repro's, a stage whose only changes are missing data
 *     does not run
 */
public record ExpRunOptions(List<String> setParams, String name, List<String> targets, boolean force, boolean queue,
    boolean runAll, boolean temp, int jobs, ReproListener listener, boolean dry, boolean allowMissing) {
  public ExpRunOptions {
    setParams = List.copyOf(setParams);
    targets = List.copyOf(targets);
    Objects.requireNonNull(listener, "listener");
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
  }

  /** Options without {@code --dry} and {@code --allow-missing}. */
  public ExpRunOptions(List<String> setParams, String name, List<String> targets, boolean force, boolean queue,
      boolean runAll, boolean temp, int jobs, ReproListener listener) {
    this(setParams, name, targets, force, queue, runAll, temp, jobs, listener, false, false);
  }
}
