package dev.cairn.cli;

import dev.cairn.api.Cairn;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code cairn exp clean}: DVC's {@code exp clean}. */
@Command(name = "clean", description = {
    "Clean up what killed experiment runs left behind: the temporary workspaces of 'exp run --run-all' and"
        + " '--temp' under .dvc/tmp/exps/ in which nothing changed for 24 hours (a run in progress is never"
        + " touched). Experiments and queued entries are kept."})
final class ExpCleanCmd extends BaseCommand {
  @Override
  int doCall() throws Exception {
    try (Cairn c = open()) {
      out().println("Cleaning up temporary experiment workspaces...");
      List<Path> removed = c.expClean().call();
      for (Path p : removed) {
        info("Removed " + c.repo().root().relativize(p));
      }
      out().println("Done!");
    }
    return 0;
  }
}
