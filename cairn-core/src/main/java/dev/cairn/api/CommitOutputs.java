package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Fetches or pushes the outputs recorded in some commits (not the workspace's), under the
 * repository lock: what the queue needs to reconcile collected experiments and what a batch worker
 * needs around one experiment. Unlike {@link FetchCommand}, a fetch does not follow imports.
 */
final class CommitOutputs extends RemoteCommand<CommitOutputs, SyncResult> {
  private final List<ObjectId> commits;
  private final boolean push;

  private CommitOutputs(Repo repo, List<ObjectId> commits, boolean push) {
    super(repo);
    this.commits = commits;
    this.push = push;
  }

  /** Downloads the outputs of {@code commits} that the cache lacks. */
  static CommitOutputs fetch(Repo repo, List<ObjectId> commits) {
    return new CommitOutputs(repo, commits, false);
  }

  /** Uploads the outputs of {@code commits} that their remotes lack. */
  static CommitOutputs push(Repo repo, List<ObjectId> commits) {
    return new CommitOutputs(repo, commits, true);
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  SyncResult run() throws IOException, CairnException {
    addCommits(commits);
    setIncludeWorkspace(false);
    var selected = select(push);
    SyncResult r = transfer(push, selected);
    failIfNeeded(push ? "push" : "fetch", r, selected, null);
    return r;
  }
}
