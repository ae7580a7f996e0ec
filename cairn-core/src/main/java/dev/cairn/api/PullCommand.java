package dev.cairn.api;

import dev.cairn.api.errors.CairnException;
import dev.cairn.odb.MissingObjectException;
import dev.cairn.workspace.Checkouter;
import dev.cairn.workspace.OutputStatus;
import dev.cairn.workspace.Tracked;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pull}: {@link FetchCommand fetch}, then checkout of the selected workspace outputs
 * (DVC's {@code dvc pull}). Outputs whose objects could not be fetched (missing or corrupt on the
 * remote) are not checked out; the others are, and then the command throws {@link
 * dev.cairn.api.errors.TransferFailedException} naming what failed. Workspace changes that are not
 * in the cache are never overwritten unless {@link #setForce forced}.
 */
public final class PullCommand extends RemoteCommand<PullCommand, PullCommand.PullResult> {
  private boolean force;

  PullCommand(Repo repo) {
    super(repo);
  }

  /**
   * The result.
   *
   * @param fetched what was downloaded
   * @param checkout what the checkout changed in the workspace
   */
  public record PullResult(SyncResult fetched, Checkouter.Changes checkout) {}

  /** Discard workspace changes that are not in the cache ({@code -f}). */
  public PullCommand setForce(boolean force) {
    this.force = force;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  PullResult run() throws IOException, CairnException {
    var selected = select(false);
    SyncResult fetched = transfer(false, selected);
    List<Tracked> outs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Selected s : selected) {
      Tracked t = s.tracked();
      if (t == null || outs.contains(t)) {
        continue;
      }
      if (OutputStatus.inCache(s.hash(), repo.odb())) {
        outs.add(t);
      } else {
        skipped.add(s.name() + (s.hash().isDir() ? "/" : ""));
      }
    }
    Checkouter checkouter = new Checkouter(repo.root(), repo.odb(), repo.hasher(), repo.linkTypes(), force, false);
    Checkouter.Changes changes;
    try {
      changes = checkouter.checkout(outs, monitor);
    } catch (MissingObjectException e) {
      throw CairnException.failed(e.getMessage(), e);
    }
    String checkoutFailure = skipped.isEmpty() ? null : "not checked out: " + String.join(", ", skipped);
    failIfNeeded("fetch", fetched, selected, checkoutFailure);
    return new PullResult(fetched, changes);
  }
}
