package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.exp.ExpQueue;
import dev.cairn.queue.WorkerSide;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "push", description = {"Push the queued experiments to a Git remote (as refs/exps/celery/queue/<rev>, which DVC ignores), where the CI matrix jobs of 'cairn ci init --github --matrix' and remote workers find them."})
final class QueuePushCmd extends BaseCommand {
  @Parameters(arity = "0..1", paramLabel = "<git_remote>", defaultValue = "origin",
      description = "The Git remote: a name, URL or path (default: ${DEFAULT-VALUE}).")
  String gitRemote;

  @Override
  int doCall() throws Exception {
    try (Cairn c = Cairn.open(workDir(), env())) {
      List<ExpQueue.Entry> pushed = WorkerSide.pushEntries(c.repo(), gitRemote);
      if (pushed.isEmpty()) {
        out().println("No queued experiments to push.");
      }
      for (ExpQueue.Entry e : pushed) {
        out().println("Pushed queued experiment '" + e.name() + "' (task " + e.commit().abbreviate(7).name() + ").");
      }
      out().flush();
    }
    return 0;
  }
}
