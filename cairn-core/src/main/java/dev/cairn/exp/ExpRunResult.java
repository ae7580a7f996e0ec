package dev.cairn.exp;

import java.util.List;

/**
 * What {@code exp run} / {@code exp save} did.
 *
 * @param experiments the experiments created (a ref each), in the order they finished
 * @param queued the entries added to the queue ({@code --queue})
 * @param failed the queued or temp experiments whose run failed (moved to {@link ExpRef#CELERY_FAILED_STASH})
 * @param workspace whether the results are in the workspace (a run in the workspace, or {@code exp save})
 */
public record ExpRunResult(List<Experiment> experiments, List<Queued> queued, List<Failed> failed, boolean workspace) {
  public ExpRunResult {
    experiments = List.copyOf(experiments);
    queued = List.copyOf(queued);
    failed = List.copyOf(failed);
  }

  /**
   * One experiment commit and its ref.
   *
   * @param name the experiment name
   * @param ref the full ref name, {@code refs/exps/<sha[0:2]>/<sha[2:]>/<name>}
   * @param commit the experiment commit, full SHA
   * @param baseline the baseline commit (the commit's parent), full SHA
   * @param expHash the experiment hash in the commit message
   */
  public record Experiment(String name, String ref, String commit, String baseline, String expHash) {}

  /**
   * One queued entry.
   *
   * @param name the experiment name it will get
   * @param stashCommit the entry's commit under {@link ExpRef#CELERY_STASH}
   * @param baseline the baseline commit, full SHA
   * @param params the {@code -S} overrides, as typed
   */
  public record Queued(String name, String stashCommit, String baseline, List<String> params) {
    public Queued {
      params = List.copyOf(params);
    }
  }

  /**
   * One experiment that failed.
   *
   * @param name the experiment name
   * @param baseline the baseline commit, full SHA
   * @param exitCode the failing stage command's exit code, or null when it failed otherwise
   * @param message one line: what failed
   */
  public record Failed(String name, String baseline, Integer exitCode, String message) {}
}
