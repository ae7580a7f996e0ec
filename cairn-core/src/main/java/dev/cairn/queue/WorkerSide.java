package dev.cairn.queue;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpQueue;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * What runs on the other side of a Git remote: {@code cairn queue exec} on a worker, in a clone that
 * has an entry's commit but not the submitting repository's queue (the entry is read from its
 * commit; the experiment ref is pushed back), and the CI matrix jobs, which find queued entries and
 * experiments on the remote. Refs move with {@code git}, like the job script, so every transport
 * and credential helper of the user's Git works.
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
   * Pushes every entry of this repository's queue to {@code gitRemote} as {@code
   * refs/exps/celery/queue/<rev>} (DVC ignores {@code refs/exps/celery/}), where remote workers and
   * CI matrix jobs find them.
   *
   * @return the entries pushed
   * @throws CairnException (failed) with git's error line
   */
  public static List<ExpQueue.Entry> pushEntries(Repo repo, String gitRemote) throws CairnException, IOException {
    List<ExpQueue.Entry> entries;
    try (Repository git = ExpGit.open(repo.root())) {
      entries = new ExpQueue(git, dev.cairn.exp.ExpRef.CELERY_STASH).list();
    }
    if (entries.isEmpty()) {
      return entries;
    }
    List<String> args = new ArrayList<>(List.of("push", "--quiet", "--force", gitRemote));
    for (ExpQueue.Entry e : entries) {
      args.add(e.commit().name() + ":" + WorkerScript.queueRef(e.commit().name()));
    }
    new GitCli(repo.root(), repo.env()).check("Cannot push the queue to " + gitRemote, args.toArray(String[]::new));
    return entries;
  }

  /**
   * Fetches the entries pushed to {@code gitRemote} ({@link #pushEntries}, or by a batch executor)
   * and returns those whose baseline is {@code baseline}, oldest first.
   */
  public static List<ExpQueue.Entry> remoteEntries(Repo repo, String gitRemote, String baseline)
      throws CairnException, IOException {
    String spec = "+" + WorkerScript.QUEUE_REF_PREFIX + "*:" + WorkerScript.QUEUE_REF_PREFIX + "*";
    new GitCli(repo.root(), repo.env()).check("Cannot fetch the queued experiments from " + gitRemote, "fetch",
        "--quiet", gitRemote, spec);
    List<ExpQueue.Entry> out = new ArrayList<>();
    try (Repository git = ExpGit.open(repo.root())) {
      List<org.eclipse.jgit.lib.Ref> refs = git.getRefDatabase().getRefsByPrefix(WorkerScript.QUEUE_REF_PREFIX);
      List<Object[]> timed = new ArrayList<>();
      try (org.eclipse.jgit.revwalk.RevWalk rw = new org.eclipse.jgit.revwalk.RevWalk(git)) {
        for (org.eclipse.jgit.lib.Ref r : refs) {
          Optional<ExpQueue.Entry> e = ExpQueue.ofCommit(git, r.getObjectId());
          if (e.isPresent() && e.get().baseline().equals(baseline)) {
            timed.add(new Object[] {rw.parseCommit(r.getObjectId()).getCommitTime(), e.get()});
          }
        }
      }
      timed.sort((a, b) -> Integer.compare((Integer) a[0], (Integer) b[0]));
      timed.forEach(t -> out.add((ExpQueue.Entry) t[1]));
    }
    return out;
  }

  /** Fetches one entry pushed to {@code gitRemote}. */
  public static void fetchEntry(Repo repo, String gitRemote, String rev) throws CairnException {
    String ref = WorkerScript.queueRef(rev);
    new GitCli(repo.root(), repo.env()).check("Cannot fetch queued experiment " + rev + " from " + gitRemote,
        "fetch", "--quiet", gitRemote, "+" + ref + ":" + ref);
  }

  /** Deletes an entry's ref from {@code gitRemote} (it has run); one already gone is fine. */
  public static void dropRemoteEntry(Repo repo, String gitRemote, String rev) throws CairnException {
    new GitCli(repo.root(), repo.env()).run("push", "--quiet", gitRemote, ":" + WorkerScript.queueRef(rev));
  }

  /**
   * Fetches every experiment of {@code baseline} from {@code gitRemote} into the same refs.
   *
   * @return the full ref names now here, sorted
   */
  public static List<String> fetchExperiments(Repo repo, String gitRemote, String baseline)
      throws CairnException, IOException {
    String prefix = dev.cairn.exp.ExpRef.baselinePrefix(baseline);
    new GitCli(repo.root(), repo.env()).check("Cannot fetch the experiments from " + gitRemote, "fetch", "--quiet",
        gitRemote, "+" + prefix + "*:" + prefix + "*");
    List<String> out = new ArrayList<>();
    try (Repository git = ExpGit.open(repo.root())) {
      for (dev.cairn.exp.ExpRefs.Entry e : dev.cairn.exp.ExpRefs.ofBaseline(git, baseline)) {
        out.add(e.ref().refName());
      }
    }
    return out;
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
