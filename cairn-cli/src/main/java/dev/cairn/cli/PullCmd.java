package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.PullCommand;
import dev.cairn.api.errors.TransferFailedException;
import dev.cairn.format.PyJson;
import dev.cairn.transfer.TransferResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pull", description = {
    "Fetch the cache objects of tracked outputs from their remote, then check them out into the workspace.",
    "An object that is missing or corrupt on the remote is reported and its output is not checked out."})
final class PullCmd extends BaseCommand {
  @Mixin
  RemoteOptions remote;

  @Option(names = {"-f", "--force"}, description = "Discard workspace changes that are not in the cache.")
  boolean force;

  @Option(names = "--run-cache", description = "Also download the run-cache (<remote>/runs/).")
  boolean runCache;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      PullCommand.PullResult r;
      try {
        r = remote.apply(this, cairn.pull()).setForce(force).setRunCache(runCache).setProgressMonitor(monitor()).call();
      } catch (TransferFailedException e) {
        if (json.json) {
          out().println(PyJson.dumpsUnsorted(TransferOutput.json(e.result(), TransferResult.empty(), null)));
        }
        throw e;
      }
      var c = r.checkout();
      if (json.json) {
        Map<String, Object> m = TransferOutput.json(r.fetched());
        m.put("added", c.added());
        m.put("modified", c.modified());
        m.put("deleted", c.deleted());
        out().println(PyJson.dumpsUnsorted(m));
        return 0;
      }
      if (root().quiet) {
        return 0;
      }
      TransferOutput.printPull(out(), r);
    }
    return 0;
  }

  /** DVC's "1 file added, 2 files modified and 3 files fetched". */
  static String join(List<String> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
  }
}
