package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.QueueRetryCommand;
import dev.cairn.queue.Task;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "retry", description = {"Put failed experiment tasks back into the queue with the same name and params (all failed tasks when none is named). Run them again with 'cairn queue start' or 'cairn exp run --run-all'."})
final class QueueRetryCmd extends BaseCommand {
  @Parameters(arity = "0..*", paramLabel = "<task>", description = "Failed tasks: names or task ids (a prefix).")
  List<String> tasks = new ArrayList<>();

  @Override
  int doCall() throws Exception {
    try (Cairn c = Cairn.open(workDir(), env())) {
      QueueRetryCommand cmd = c.queueRetry();
      tasks.forEach(cmd::addTask);
      List<Task> again = cmd.call();
      if (again.isEmpty()) {
        out().println("No failed tasks to retry.");
      }
      for (Task t : again) {
        out().println("Queued experiment '" + t.label() + "' again.");
      }
      out().flush();
    }
    return 0;
  }
}
