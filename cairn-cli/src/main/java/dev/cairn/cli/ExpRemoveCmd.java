package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.ExpRemoveCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "remove", aliases = "rm", description = "Delete experiments (their refs; commits go with git gc).")
final class ExpRemoveCmd extends BaseCommand {
  @Parameters(arity = "0..*", paramLabel = "<experiment>", description = "Experiment names or refs/exps/... refs.")
  List<String> experiments = new ArrayList<>();

  @Option(names = "--all", description = "Every experiment of HEAD's baseline.")
  boolean all;

  @Option(names = {"-A", "--all-commits"}, description = "Every experiment of every baseline.")
  boolean allCommits;

  @Option(names = "--rev", paramLabel = "<commit>", description = "Every experiment of this baseline revision.")
  List<String> revs = new ArrayList<>();

  @Option(names = "--queue", description = "Also delete the queue of 'exp run --queue' (all entries).")
  boolean queue;

  @Override
  int doCall() throws Exception {
    try (Cairn c = open()) {
      ExpRemoveCommand cmd = c.expRemove().setAll(all).setAllCommits(allCommits).setQueue(queue);
      experiments.forEach(cmd::addExperiment);
      revs.forEach(cmd::addBaseline);
      ExpRemoveCommand.Result r = cmd.call();
      if (!r.removed().isEmpty()) {
        info("Removed experiments: " + String.join(",", r.removed()));
      }
      if (r.queueCleared()) {
        info("Removed the experiment queue.");
      }
      if (r.removed().isEmpty() && !r.queueCleared()) {
        info("No experiments to remove.");
      }
    }
    return 0;
  }
}
