package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import dev.cairn.transfer.TransferResult;
import java.io.IOException;
import java.util.HashMap;

/**
 * {@code fetch}: downloads the cache objects of the selected outputs that the cache lacks, without
 * touching the workspace (DVC's {@code dvc fetch}). Each download is verified against its hash
 * before it enters the cache; an object that is corrupt on the remote is reported and never stored.
 * Outputs imported from other repositories ({@code import}) come from their source at their {@code
 * rev_lock}, not from this repository's remotes, as with DVC. Throws {@link
 * dev.cairn.api.errors.TransferFailedException} (exit 1) when objects failed.
 */
public final class FetchCommand extends RemoteCommand<FetchCommand, SyncResult> {
  FetchCommand(Repo repo) {
    super(repo);
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  SyncResult run() throws IOException, CairnException {
    var selected = select(false);
    SyncResult r = transfer(false, selected);
    TransferResult imported = fetchImports(new HashMap<>());
    r = new SyncResult(r.objects().plus(imported), r.runCache(), r.remotes());
    failIfNeeded("fetch", r, selected, null);
    return r;
  }
}
