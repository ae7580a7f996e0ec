package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.RemoveCommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "remove", description = "Stop tracking: delete .dvc files and their .gitignore entries (the cache keeps the data until gc).")
final class RemoveCmd extends BaseCommand {
  @Parameters(arity = "1..*", paramLabel = "<target>", description = ".dvc files (or the outputs they track).")
  List<String> targets;

  @Option(names = "--outs", description = "Also delete the outputs from the workspace.")
  boolean outs;

  @Override
  int doCall() throws Exception {
    try (Cairn cairn = open()) {
      RemoveCommand cmd = cairn.remove().setOuts(outs);
      for (String t : targets) {
        cmd.addTarget(resolve(t));
      }
      cmd.call().removed().forEach(f -> info("Removed " + f));
    }
    return 0;
  }
}
