package dev.cairn.cli;

import dev.cairn.api.Cairn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "branch", description = "Create a Git branch at an experiment's commit.")
final class ExpBranchCmd extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<experiment>", description = "Experiment name or refs/exps/... ref.")
  String experiment;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<branch>", description =
      "Branch name (default <experiment>-branch).")
  String branch;

  @Override
  int doCall() throws Exception {
    try (Cairn c = open()) {
      String name = c.expBranch().setExperiment(experiment).setBranch(branch).call();
      info("Git branch '" + name + "' has been created from experiment '" + experiment + "'.");
      info("To switch to the new branch run:\n\n\tgit checkout " + name);
    }
    return 0;
  }
}
