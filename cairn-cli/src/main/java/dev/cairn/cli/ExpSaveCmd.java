package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.exp.ExpRunResult;
import dev.cairn.format.PyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "save", description = {
    "Save the workspace as an experiment (a Git commit under refs/exps/ whose parent is HEAD) without running anything. The pipeline must be up to date: run 'cairn repro' or 'cairn commit' first."})
final class ExpSaveCmd extends BaseCommand {
  @Option(names = {"-n", "--name"}, paramLabel = "<name>", description = "The experiment's name (default: a random adjective-noun).")
  String name;

  @Option(names = {"-f", "--force"}, description = "Replace an experiment of the same name.")
  boolean force;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      ExpRunResult r = cairn.expSave().setName(name).setForce(force).call();
      if (json.json) {
        out().println(PyJson.dumpsUnsorted(ExpJson.of(r)));
      } else if (!root().quiet) {
        out().println("Experiment has been saved as: " + r.experiments().get(0).name());
      }
      out().flush();
    }
    return 0;
  }
}
