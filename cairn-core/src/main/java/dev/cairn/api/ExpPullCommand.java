package dev.cairn.api;

import dev.cairn.api.errors.CairnException;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpRefs;
import dev.cairn.exp.ExpTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code exp pull <git_remote> <exp>...}: fetches each named experiment ref (looked up on the Git
 * remote) into the same local ref, then downloads the cache objects of the outputs recorded in
 * those commits from the DVC remote, unless {@link #setNoCache}. The workspace is not changed; use
 * {@code exp apply} for that.
 */
public final class ExpPullCommand extends RemoteCommand<ExpPullCommand, ExpPushCommand.Result> {
  private String gitRemote;
  private final List<String> experiments = new ArrayList<>();
  private boolean noCache;
  private boolean force;

  ExpPullCommand(Repo repo) {
    super(repo);
  }

  /** The Git remote: a configured remote name, a URL or a path. */
  public ExpPullCommand setGitRemote(String remote) {
    this.gitRemote = Objects.requireNonNull(remote);
    return this;
  }

  /** An experiment to pull (name or full ref, as on the remote). */
  public ExpPullCommand addExperiment(String name) {
    experiments.add(Objects.requireNonNull(name));
    return this;
  }

  /** Fetch the Git refs only ({@code --no-cache}). */
  public ExpPullCommand setNoCache(boolean b) {
    this.noCache = b;
    return this;
  }

  /** Overwrite local experiments of the same name ({@code -f}). */
  public ExpPullCommand setForce(boolean b) {
    this.force = b;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  ExpPushCommand.Result run() throws IOException, CairnException {
    if (gitRemote == null || experiments.isEmpty()) {
      throw CairnException.invalidInput("exp pull needs a Git remote and at least one experiment");
    }
    List<ObjectId> commits;
    List<String> refs = new ArrayList<>();
    try (Repository git = ExpGit.open(repo.root())) {
      ObjectId head = git.resolve(Constants.HEAD + "^{commit}");
      List<ExpRefs.Entry> sel = ExpTransport.select(ExpTransport.listRemote(git, gitRemote), experiments,
          head == null ? null : head.name());
      commits = ExpTransport.fetch(git, gitRemote, sel, force);
      sel.forEach(e -> refs.add(e.ref().refName()));
    }
    if (noCache) {
      return new ExpPushCommand.Result(refs, null);
    }
    addCommits(commits);
    setWorkspace(false);
    var selected = select(false);
    SyncResult r = transfer(false, selected);
    failIfNeeded("fetch", r, selected, null);
    return new ExpPushCommand.Result(refs, r);
  }
}
