package dev.cairn.queue;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpQueue;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * What {@code cairn queue exec} needs on a worker, in a clone that has an entry's commit but not the
 * submitting repository's queue: the entry, read from its commit, and the push of the experiment
 * ref back to the Git remote (with {@code git}, like the job script).
 */
public final class WorkerSide {
  private WorkerSide() {}

  /**
   * The queue entry whose commit {@code rev} names (a full SHA or anything Git resolves), as
   * recorded in the commit's message.
   *
   * @throws CairnException (invalid input) when there is no such commit or it is not a queue entry
   */
  public static ExpQueue.Entry entry(Repo repo, String rev) throws CairnException, IOException {
    try (Repository git = ExpGit.open(repo.root())) {
      ObjectId id = git.resolve(rev + "^{commit}");
      if (id == null) {
        throw CairnException.invalidInput("No commit '" + rev + "' in this clone; fetch the entry first (git fetch <remote> "
            + WorkerScript.queueRef("<rev>") + ")");
      }
      Optional<ExpQueue.Entry> e = ExpQueue.ofCommit(git, id);
      return e.orElseThrow(() -> CairnException.invalidInput("Commit " + id.abbreviate(7).name()
          + " is not a queued experiment (its message is not 'dvc-exp:<rev>:<baseline>:<name>')"));
    }
  }

  /**
   * Pushes an experiment ref to the same name on {@code gitRemote} (a remote name, URL or path).
   *
   * @param force replace an experiment of the same name that differs there
   * @throws CairnException (failed) with git's error line
   */
  public static void pushRef(Repo repo, String gitRemote, String ref, boolean force) throws CairnException {
    GitCli git = new GitCli(repo.root(), repo.env());
    if (force) {
      git.check("Cannot push experiment " + ref + " to " + gitRemote, "push", "--quiet", "--force", gitRemote,
          ref + ":" + ref);
    } else {
      git.check("Cannot push experiment " + ref + " to " + gitRemote, "push", "--quiet", gitRemote, ref + ":" + ref);
    }
  }
}
