package dev.cairn.exp;

import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TrackingRefUpdate;

/**
 * Moves experiment refs between Git repositories through JGit: {@code git push <remote>
 * refs/exps/…:refs/exps/…} for {@code exp push}, the matching fetch for {@code exp pull}. The
 * remote is a configured Git remote name or a URL/path.
 */
public final class ExpTransport {
  private ExpTransport() {}

  /**
   * Pushes each experiment ref to the same name on {@code remote}.
   *
   * @param force overwrite experiments of the same name that differ on the remote
   * @return the refs pushed or already up to date
   * @throws CairnException (failed) naming the rejected refs
   */
  public static List<String> push(Repository git, String remote, List<ExpRefs.Entry> exps, boolean force)
      throws CairnException {
    List<RefSpec> specs = new ArrayList<>();
    for (ExpRefs.Entry e : exps) {
      specs.add(new RefSpec(e.ref().refName() + ":" + e.ref().refName()).setForceUpdate(force));
    }
    List<String> done = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    try {
      for (PushResult r : Git.wrap(git).push().setRemote(remote).setRefSpecs(specs).setForce(force).call()) {
        for (RemoteRefUpdate u : r.getRemoteUpdates()) {
          switch (u.getStatus()) {
            case OK, UP_TO_DATE -> done.add(u.getRemoteName());
            default -> rejected.add(ExpRef.parse(u.getRemoteName()).map(ExpRef::name).orElse(u.getRemoteName())
                + " (" + u.getStatus().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
          }
        }
      }
    } catch (InvalidRemoteException e) {
      throw CairnException.invalidInput("Git remote '" + remote + "' not found; give a remote name or URL");
    } catch (GitAPIException e) {
      throw CairnException.failed("Cannot push experiments to '" + remote + "': " + e.getMessage(), e);
    }
    if (!rejected.isEmpty()) {
      throw CairnException.failed("The Git remote '" + remote + "' rejected " + String.join(", ", rejected)
          + "; an experiment of that name differs there: use --force to overwrite it", null);
    }
    return done;
  }

  /** The experiment refs on {@code remote}. */
  public static List<ExpRefs.Entry> listRemote(Repository git, String remote) throws CairnException {
    Collection<Ref> refs;
    try {
      refs = Git.wrap(git).lsRemote().setRemote(remote).setHeads(false).setTags(false).call();
    } catch (InvalidRemoteException e) {
      throw CairnException.invalidInput("Git remote '" + remote + "' not found; give a remote name or URL");
    } catch (GitAPIException e) {
      throw CairnException.failed("Cannot list the experiments of '" + remote + "': " + e.getMessage(), e);
    }
    List<ExpRefs.Entry> out = new ArrayList<>();
    for (Ref r : refs) {
      ExpRef.parse(r.getName()).ifPresent(x -> out.add(new ExpRefs.Entry(x, r.getObjectId())));
    }
    out.sort((a, b) -> a.ref().refName().compareTo(b.ref().refName()));
    return out;
  }

  /**
   * Picks the remote experiments named by {@code specs} (full refs or names; a name matching
   * several baselines is refused unless it matches one of {@code headSha}'s).
   */
  public static List<ExpRefs.Entry> select(List<ExpRefs.Entry> remote, List<String> specs, String headSha)
      throws CairnException {
    List<ExpRefs.Entry> out = new ArrayList<>();
    for (String s : specs) {
      List<ExpRefs.Entry> m = remote.stream()
          .filter(e -> e.ref().refName().equals(s) || e.ref().name().equals(s)).toList();
      if (m.size() > 1 && headSha != null) {
        List<ExpRefs.Entry> own = m.stream().filter(e -> e.ref().baselineSha().equals(headSha)).toList();
        if (!own.isEmpty()) {
          m = own;
        }
      }
      if (m.isEmpty()) {
        throw CairnException.invalidInput("Unknown experiment '" + s + "' on the Git remote");
      }
      if (m.size() > 1) {
        throw ExpGit.ambiguous(s, m);
      }
      if (!out.contains(m.get(0))) {
        out.add(m.get(0));
      }
    }
    return out;
  }

  /**
   * Fetches the experiment refs into the same names locally.
   *
   * @param force overwrite local experiments of the same name that differ
   * @return the commits now at those refs
   */
  public static List<ObjectId> fetch(Repository git, String remote, List<ExpRefs.Entry> exps, boolean force)
      throws CairnException, IOException {
    List<RefSpec> specs = new ArrayList<>();
    for (ExpRefs.Entry e : exps) {
      specs.add(new RefSpec(e.ref().refName() + ":" + e.ref().refName()).setForceUpdate(force));
    }
    FetchResult r;
    try {
      r = Git.wrap(git).fetch().setRemote(remote).setRefSpecs(specs).call();
    } catch (InvalidRemoteException e) {
      throw CairnException.invalidInput("Git remote '" + remote + "' not found; give a remote name or URL");
    } catch (GitAPIException e) {
      throw CairnException.failed("Cannot fetch experiments from '" + remote + "': " + e.getMessage(), e);
    }
    List<String> rejected = r.getTrackingRefUpdates().stream()
        .filter(u -> u.getResult() == org.eclipse.jgit.lib.RefUpdate.Result.REJECTED)
        .map(TrackingRefUpdate::getLocalName).collect(Collectors.toList());
    if (!rejected.isEmpty()) {
      throw CairnException.failed("Local experiments differ from the remote's: " + String.join(", ", rejected)
          + "; use --force to overwrite them", null);
    }
    List<ObjectId> out = new ArrayList<>();
    for (ExpRefs.Entry e : exps) {
      Ref local = git.exactRef(e.ref().refName());
      if (local != null) {
        out.add(local.getObjectId());
      }
    }
    return out;
  }
}
