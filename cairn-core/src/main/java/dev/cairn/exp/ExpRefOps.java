package dev.cairn.exp;

import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** {@code exp branch} and {@code exp remove}: creating branches from and deleting experiment refs. */
public final class ExpRefOps {
  private ExpRefOps() {}

  /** The branch name {@code exp branch} uses when none is given: {@code <name>-branch}. */
  public static String defaultBranchName(ExpRef ref) {
    return ref.name() + "-branch";
  }

  /**
   * Creates {@code refs/heads/<branch>} at the experiment's commit.
   *
   * @throws CairnException (invalid input) when the name is not a valid branch name or the branch exists
   */
  public static String branch(Repository git, ExpRefs.Entry exp, String branch) throws CairnException, IOException {
    String name = branch == null ? defaultBranchName(exp.ref()) : branch;
    String full = Constants.R_HEADS + name;
    if (!Repository.isValidRefName(full)) {
      throw CairnException.invalidInput("'" + name + "' is not a valid Git branch name");
    }
    if (git.exactRef(full) != null) {
      throw CairnException.invalidInput("Git branch '" + name + "' already exists; give another name");
    }
    RefUpdate ru = git.updateRef(full);
    ru.setExpectedOldObjectId(ObjectId.zeroId());
    ru.setNewObjectId(exp.commit());
    ru.setRefLogMessage("branch: Created from experiment " + exp.ref().name(), false);
    RefUpdate.Result r = ru.update();
    if (r != RefUpdate.Result.NEW) {
      throw CairnException.failed("Cannot create branch '" + name + "': " + r, null);
    }
    return name;
  }

  /** Deletes each experiment ref; returns the names deleted. */
  public static List<String> remove(Repository git, List<ExpRefs.Entry> exps) throws CairnException, IOException {
    List<String> out = new ArrayList<>();
    for (ExpRefs.Entry e : exps) {
      if (delete(git, e.ref().refName())) {
        out.add(e.ref().name());
      }
    }
    return out;
  }

  /**
   * Deletes the queue of {@code exp run --queue} ({@value ExpRef#CELERY_STASH}, every entry at once);
   * returns whether there was one.
   */
  public static boolean clearQueue(Repository git) throws CairnException, IOException {
    return delete(git, ExpRef.CELERY_STASH);
  }

  private static boolean delete(Repository git, String refName) throws CairnException, IOException {
    Ref ref = git.exactRef(refName);
    if (ref == null) {
      return false;
    }
    RefUpdate ru = git.updateRef(refName);
    ru.setForceUpdate(true);
    RefUpdate.Result r = ru.delete();
    if (r != RefUpdate.Result.FORCED && r != RefUpdate.Result.NO_CHANGE && r != RefUpdate.Result.FAST_FORWARD) {
      throw CairnException.failed("Cannot delete " + refName + ": " + r, null);
    }
    return true;
  }
}
