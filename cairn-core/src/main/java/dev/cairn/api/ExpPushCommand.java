package dev.cairn.api;

import dev.cairn.api.errors.CairnException;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpRefs;
import dev.cairn.exp.ExpTransport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code exp push <git_remote> <exp>...}: pushes each experiment's ref to the same name on the Git
 * remote, then uploads the cache objects of the outputs recorded in those experiment commits to
 * the DVC remote ({@link #setRemote}, each output's own, or the default), unless {@link
 * #setNoCache}. {@link #setRunCache} also pushes the run-cache.
 */
public final class ExpPushCommand extends RemoteCommand<ExpPushCommand, ExpPushCommand.Result> {
  private String gitRemote;
  private final List<String> experiments = new ArrayList<>();
  private boolean noCache;
  private boolean force;

  ExpPushCommand(Repo repo) {
    super(repo);
  }

  /**
   * The result.
   *
   * @param refs the experiment refs now on the Git remote
   * @param data what was uploaded; null with {@code --no-cache}
   */
  public record Result(List<String> refs, SyncResult data) {
    public Result {
      refs = List.copyOf(refs);
    }
  }

  /** The Git remote: a configured remote name, a URL or a path. */
  public ExpPushCommand setGitRemote(String remote) {
    this.gitRemote = Objects.requireNonNull(remote);
    return this;
  }

  /** An experiment to push (name or full ref). */
  public ExpPushCommand addExperiment(String name) {
    experiments.add(Objects.requireNonNull(name));
    return this;
  }

  /** Push the Git refs only ({@code --no-cache}). */
  public ExpPushCommand setNoCache(boolean b) {
    this.noCache = b;
    return this;
  }

  /** Overwrite experiments of the same name on the Git remote ({@code -f}). */
  public ExpPushCommand setForce(boolean b) {
    this.force = b;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  Result run() throws IOException, CairnException {
    if (gitRemote == null || experiments.isEmpty()) {
      throw CairnException.invalidInput("exp push needs a Git remote and at least one experiment");
    }
    List<ExpRefs.Entry> sel = new ArrayList<>();
    List<String> refs;
    try (Repository git = ExpGit.open(repo.root())) {
      for (String n : experiments) {
        ExpRefs.Entry e = ExpGit.resolveOne(git, n);
        if (!sel.contains(e)) {
          sel.add(e);
        }
      }
      refs = ExpTransport.push(git, gitRemote, sel, force);
    }
    if (noCache) {
      return new Result(refs, null);
    }
    List<ObjectId> commits = sel.stream().map(ExpRefs.Entry::commit).toList();
    addCommits(commits);
    setWorkspace(false);
    var selected = select(true);
    SyncResult r = transfer(true, selected);
    failIfNeeded("push", r, selected, null);
    return new Result(refs, r);
  }
}
