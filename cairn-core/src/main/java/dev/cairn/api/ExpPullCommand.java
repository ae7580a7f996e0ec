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
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code exp pull <git_remote> <exp>...}: fetches each named experiment ref (looked up on the Git
 * remote) into the same local ref, then downloads the cache objects of the outputs recorded in
 * those commits from the DVC remote, unless {@link #setNoCache}. The workspace is not changed; use
 * {@code exp apply} for that.
 */
public final class ExpPullCommand extends ExpTransferCommand<ExpPullCommand> {
  ExpPullCommand(Repo repo) {
    super(repo);
  }

  @Override
  ExpPushCommand.Result run() throws IOException, CairnException {
    checkArguments("pull");
    List<ObjectId> commits;
    List<String> refs = new ArrayList<>();
    try (Repository git = ExpGit.open(repo.root())) {
      ObjectId head = git.resolve(Constants.HEAD + "^{commit}");
      List<ExpRefs.Entry> onRemote = ExpTransport.listRemote(git, gitRemote());
      List<ExpRefs.Entry> sel = new ArrayList<>(ExpTransport.select(onRemote, experiments(),
          head == null ? null : head.name()));
      Set<String> bases = baselines(git);
      for (ExpRefs.Entry e : onRemote) {
        if ((allExperiments() || bases.contains(e.ref().baselineSha())) && !sel.contains(e)) {
          sel.add(e);
        }
      }
      commits = ExpTransport.fetch(git, gitRemote(), sel, force());
      sel.forEach(e -> refs.add(e.ref().refName()));
    }
    if (noCache()) {
      return new ExpPushCommand.Result(refs, null);
    }
    addCommits(commits);
    setIncludeWorkspace(false);
    var selected = select(false);
    SyncResult r = transfer(false, selected);
    r = new SyncResult(r.objects().plus(fetchImports(new java.util.HashMap<>())), r.runCache(), r.remotes());
    failIfNeeded("fetch", r, selected, null);
    return new ExpPushCommand.Result(refs, r);
  }
}
