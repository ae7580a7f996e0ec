package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.SyncResult;
import dev.cairn.api.errors.TransferFailedException;
import dev.cairn.transfer.TransferResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fetch", description = {
    "Download the cache objects of tracked outputs from their remote into the cache, without touching the",
    "workspace. Every download is verified against its hash before it enters the cache."})
final class FetchCmd extends BaseCommand {
  @Mixin
  RemoteOptions remote;

  @Option(names = "--run-cache", description = "Also download the run-cache (<remote>/runs/).")
  boolean runCache;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      SyncResult r;
      try {
        r = remote.apply(this, cairn.fetch()).setRunCache(runCache).setProgressMonitor(monitor()).call();
      } catch (TransferFailedException e) {
        if (json.json) {
          out().println(Json.of(TransferOutput.json(e.result(), TransferResult.empty(), null)));
        }
        throw e;
      }
      if (json.json) {
        out().println(Json.of(TransferOutput.json(r)));
      } else if (!root().quiet) {
        int n = TransferOutput.copied(r);
        out().println(n == 0 ? "Everything is up to date." : TransferOutput.files(n) + " fetched");
      }
    }
    return 0;
  }
}
