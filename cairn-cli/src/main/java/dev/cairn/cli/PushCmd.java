package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.SyncResult;
import picocli.CommandLine.Command;

@Command(name = "push", description = {
    "Upload the cache objects of tracked outputs to their remote (DVC layout: files/md5/xx/…).",
    "Objects the remote already has are skipped; a directory's .dir goes up only after all its files."})
final class PushCmd extends SyncCmd {
  @Override
  SyncResult sync(Cairn cairn) throws Exception {
    return remote.apply(this, cairn.push()).setRunCache(runCache).setProgressMonitor(monitor()).call();
  }

  @Override
  String verb() {
    return "pushed";
  }
}
