package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.queue.ExperimentQueue;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Base of the {@code queue} commands: they work on {@link ExperimentQueue} under its own lock, not
 * the repository lock (a long repro in the workspace does not block {@code queue status}). Those
 * that reconcile first fetch the outputs of the experiments collected from batch jobs from the DVC
 * remote, so that {@code exp show} reads their metrics; a fetch that cannot be done is a warning.
 *
 * @param <T> the result type
 */
abstract class QueueCommand<T> extends RepoCommand<T> {
  private final List<String> warnings = new ArrayList<>();

  QueueCommand(Repo repo) {
    super(repo);
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  final T run() throws IOException, CairnException {
    try (ExperimentQueue q = ExperimentQueue.open(repo)) {
      return run(q);
    }
  }

  abstract T run(ExperimentQueue q) throws IOException, CairnException;

  /** Reconciles and fetches what was collected; returns the reconciliation. */
  ExperimentQueue.Reconciliation reconcile(ExperimentQueue q) throws IOException, CairnException {
    ExperimentQueue.Reconciliation r = q.reconcile();
    fetchOutputs(r.commits());
    return r;
  }

  /** Downloads the cache objects of these experiment commits' outputs; failures become warnings. */
  void fetchOutputs(List<ObjectId> commits) {
    fetchOutputs(repo, commits, warnings);
  }

  /** {@link #fetchOutputs(List)} for callers that are not queue commands. */
  static void fetchOutputs(Repo repo, List<ObjectId> commits, List<String> warnings) {
    if (commits.isEmpty()) {
      return;
    }
    String def = repo.config().get("core", "remote");
    if (def == null || def.isBlank()) {
      return; // no DVC remote: the workers share this cache (cache.dir)
    }
    try {
      CommitOutputs.fetch(repo, commits).call();
    } catch (CairnException e) {
      warnings.add("The outputs of the collected experiments could not all be fetched (" + e.getMessage()
          + "); fetch them later with 'cairn exp pull <git_remote> <name>'");
    }
  }

  /** Warnings for the caller to print (fetches that failed). */
  List<String> warnings() {
    return warnings;
  }
}
