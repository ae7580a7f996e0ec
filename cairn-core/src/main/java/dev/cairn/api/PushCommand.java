package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import java.io.IOException;

/**
 * {@code push}: uploads the cache objects of the selected outputs that their remotes lack (DVC's
 * {@code dvc push}). Outputs with {@code push: false} are skipped. Every {@code .dir} is uploaded
 * after all of its files, and only if they all made it. Throws {@link
 * dev.cairn.api.errors.TransferFailedException} (exit 1) naming the objects that failed after
 * retries; the others are pushed regardless.
 */
public final class PushCommand extends RemoteCommand<PushCommand, SyncResult> {
  PushCommand(Repo repo) {
    super(repo);
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  SyncResult run() throws IOException, CairnException {
    var selected = select(true);
    SyncResult r = transfer(true, selected);
    failIfNeeded("push", r, selected, null);
    return r;
  }
}
