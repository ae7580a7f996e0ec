package dev.cairn.queue;

import dev.cairn.errors.CairnException;
import java.util.Map;
import java.util.Set;

/**
 * The keys every batch executor's section of {@code cairn.yaml} has: how its workers reach the
 * repository and run Cairn.
 *
 * @param gitRemote the Git remote the workers clone from and push to: a remote name of this
 *     repository (its URL is given to the workers) or a URL; {@code origin} by default
 * @param remote the DVC remote the workers pull inputs from and push outputs to; null for the
 *     repository's default ({@code core.remote}); none configured at all means a shared cache
 *     ({@code cache.dir} on a shared filesystem)
 * @param cairn the command that runs Cairn on a worker when the entry has no {@code ./cairnw}
 * @param workdir where a worker makes its temporary clone; null for {@code $TMPDIR} (or
 *     {@code /tmp}) on the node
 * @param logDir where the jobs' logs go (must be writable from the nodes); null for the task's
 *     directory under {@code .dvc/tmp/exps/run/} of this repository
 */
public record WorkerSettings(String gitRemote, String remote, String cairn, String workdir, String logDir) {
  /** The common keys. */
  public static final Set<String> KEYS = Set.of("git_remote", "remote", "cairn", "workdir", "log_dir");

  /** Reads the common keys of a section (already checked for unknown keys). */
  static WorkerSettings parse(Map<String, Object> section, String label, String prefix) throws CairnException {
    return new WorkerSettings(
        Settings.string(section, "git_remote", "origin", label, prefix),
        Settings.string(section, "remote", null, label, prefix),
        Settings.string(section, "cairn", "cairn", label, prefix),
        Settings.string(section, "workdir", null, label, prefix),
        Settings.string(section, "log_dir", null, label, prefix));
  }
}
