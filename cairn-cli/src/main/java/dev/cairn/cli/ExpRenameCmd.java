package dev.cairn.cli;

import dev.cairn.api.Cairn;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn exp rename}: DVC's {@code exp rename}, for local experiments. */
@Command(name = "rename", description = {
    "Rename an experiment: its ref refs/exps/<baseline>/<name> gets the new name, same commit, as DVC's exp"
        + " rename does. An experiment of the new name is refused unless -f. Rename on this machine, then"
        + " 'cairn exp push' to publish."})
final class ExpRenameCmd extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<experiment>", description = "The experiment (name or full ref).")
  String experiment;

  @Parameters(index = "1", paramLabel = "<name>", description = "Its new name.")
  String name;

  @Option(names = {"-f", "--force"}, description = "Replace an experiment that already has the new name.")
  boolean force;

  @Override
  int doCall() throws Exception {
    try (Cairn c = open()) {
      List<String> renamed = c.expRename().setNames(experiment, name).setForce(force).call();
      out().println(renamed.isEmpty() ? "No experiments to rename."
          : "Renamed experiments: " + String.join(", ", renamed.stream().map(n -> "'" + n + "'").toList()));
    }
    return 0;
  }
}
