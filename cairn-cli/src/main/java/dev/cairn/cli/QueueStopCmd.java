package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.queue.Task;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stop", description = {"Stop the local queue workers: they take no further experiments and exit once the running ones finish. Jobs already submitted to a batch executor run on; --kill cancels them too."})
final class QueueStopCmd extends BaseCommand {
  @Option(names = "--kill", description = "Kill all running tasks (local and batch) before the workers stop.")
  boolean kill;

  @Override
  int doCall() throws Exception {
    try (Cairn c = Cairn.open(workDir(), env())) {
      List<Task> killed = c.queueStop().setKill(kill).call();
      if (kill) {
        killed.forEach(t -> out().println(t.label() + " has been killed."));
        out().println("All running tasks in the queue have been killed. Queue workers are stopping.");
      } else {
        out().println("Queue workers will stop after running tasks finish.");
      }
      out().flush();
    }
    return 0;
  }
}
