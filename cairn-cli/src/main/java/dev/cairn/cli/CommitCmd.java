package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.CommitCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "commit", description = "Record the current content of tracked outputs in the cache and their .dvc files.")
final class CommitCmd extends BaseCommand {
  @Parameters(arity = "0..*", paramLabel = "<target>", description = "Outputs or .dvc files (default: all).")
  List<String> targets = List.of();

  @Option(names = {"-f", "--force"}, description = "Commit without asking (Cairn never asks; accepted for DVC compatibility).")
  boolean force;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      CommitCommand cmd = cairn.commit();
      for (String t : targets) {
        cmd.addTarget(resolve(t));
      }
      var r = cmd.setProgressMonitor(monitor()).call();
      r.updated().forEach(f -> info("Updated " + f));
    }
    return 0;
  }
}
