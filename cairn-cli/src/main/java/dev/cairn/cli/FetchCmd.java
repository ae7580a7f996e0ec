package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.SyncResult;
import picocli.CommandLine.Command;

@Command(name = "fetch", description = {
    "Download the cache objects of tracked outputs from their remote into the cache, without touching the workspace. Every download is verified against its hash before it enters the cache."})
final class FetchCmd extends SyncCmd {
  @Override
  SyncResult sync(Cairn cairn) throws Exception {
    return remote.apply(this, cairn.fetch()).setRunCache(runCache).setProgressMonitor(monitor()).call();
  }

  @Override
  String verb() {
    return "fetched";
  }
}
