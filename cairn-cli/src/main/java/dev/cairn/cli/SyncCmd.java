package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.SyncResult;
import dev.cairn.api.errors.TransferFailedException;
import dev.cairn.format.PyJson;
import dev.cairn.transfer.TransferResult;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Shared shell of {@code push} and {@code fetch}: options, JSON output and DVC's summary line. */
abstract class SyncCmd extends BaseCommand {
  @Mixin
  RemoteOptions remote;

  @Option(names = "--run-cache", description = "Also transfer the run-cache (runs/ beside files/).")
  boolean runCache;

  @Mixin
  JsonOption json;

  /** Runs the porcelain command with the options applied. */
  abstract SyncResult sync(Cairn cairn) throws Exception;

  /** {@code pushed} or {@code fetched}. */
  abstract String verb();

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      SyncResult r;
      try {
        r = sync(cairn);
      } catch (TransferFailedException e) {
        if (json.json) {
          out().println(PyJson.dumpsUnsorted(TransferOutput.json(e.result(), TransferResult.empty(), null)));
        }
        throw e;
      }
      if (json.json) {
        out().println(PyJson.dumpsUnsorted(TransferOutput.json(r)));
      } else if (!root().quiet) {
        int n = TransferOutput.copied(r);
        out().println(n == 0 ? "Everything is up to date." : TransferOutput.files(n) + " " + verb());
      }
    }
    return 0;
  }
}
