package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.ExpApplyCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apply", description = "Put an experiment's files and outputs into the workspace (HEAD does not move).")
final class ExpApplyCmd extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<experiment>", description = "Experiment name or refs/exps/... ref.")
  String experiment;

  @Option(names = {"-f", "--force"}, description = "Overwrite uncommitted changes and workspace data not in the cache.")
  boolean force;

  @Override
  int doCall() throws Exception {
    try (Cairn c = open()) {
      ExpApplyCommand.Result r = c.expApply().setExperiment(experiment).setForce(force).setProgressMonitor(monitor())
          .call();
      info("Changes for experiment '" + r.experiment().name() + "' have been applied to your current workspace.");
    }
    return 0;
  }
}
