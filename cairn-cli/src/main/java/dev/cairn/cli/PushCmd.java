package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.SyncResult;
import dev.cairn.api.errors.TransferFailedException;
import dev.cairn.transfer.TransferResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "push", description = {
    "Upload the cache objects of tracked outputs to their remote (DVC layout: files/md5/xx/…).",
    "Objects the remote already has are skipped; a directory's .dir goes up only after all its files."})
final class PushCmd extends BaseCommand {
  @Mixin
  RemoteOptions remote;

  @Option(names = "--run-cache", description = "Also upload the run-cache (<cache>/runs/).")
  boolean runCache;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      SyncResult r;
      try {
        r = remote.apply(this, cairn.push()).setRunCache(runCache).setProgressMonitor(monitor()).call();
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
        out().println(n == 0 ? "Everything is up to date." : TransferOutput.files(n) + " pushed");
      }
    }
    return 0;
  }
}
