package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpRefs;
import dev.cairn.exp.ExpTransport;
import dev.cairn.repo.Repo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code exp push <git_remote> <exp>...}: pushes each experiment (named, or chosen by baseline with
 * {@link #addRevision} or all of them with {@link #setAllExperiments})'s ref to the same name on the Git
 * remote, then uploads the cache objects of the outputs recorded in those experiment commits to
 * the DVC remote ({@link #setRemote}, each output's own, or the default), unless {@link
 * #setNoCache}. {@link #setRunCache} also pushes the run-cache.
 */
public final class ExpPushCommand extends ExpTransferCommand<ExpPushCommand> {
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

  @Override
  Result run() throws IOException, CairnException {
    checkArguments("push");
    List<ExpRefs.Entry> sel = new ArrayList<>();
    List<String> refs;
    try (Repository git = ExpGit.open(repo.root())) {
      for (String n : experiments()) {
        ExpRefs.Entry e = ExpGit.resolveOne(git, n);
        if (!sel.contains(e)) {
          sel.add(e);
        }
      }
      Set<String> bases = baselines(git);
      for (ExpRefs.Entry e : ExpRefs.all(git)) {
        if ((allExperiments() || bases.contains(e.ref().baselineSha())) && !sel.contains(e)) {
          sel.add(e);
        }
      }
      refs = ExpTransport.push(git, gitRemote(), sel, force());
    }
    if (noCache()) {
      return new Result(refs, null);
    }
    List<ObjectId> commits = sel.stream().map(ExpRefs.Entry::commit).toList();
    addCommits(commits);
    setIncludeWorkspace(false);
    var selected = select(true);
    SyncResult r = transfer(true, selected);
    failIfNeeded("push", r, selected, null);
    return new Result(refs, r);
  }
}
