package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.QueueRemoveCommand;
import dev.cairn.queue.TaskState;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "remove", description = {"Remove queued and completed tasks from the queue. The experiments they made stay (remove those with 'cairn exp remove'); running tasks must be killed first."})
final class QueueRemoveCmd extends BaseCommand {
  @Option(names = "--all", description = "Remove all queued and completed tasks from the queue.")
  boolean all;

  @Option(names = "--queued", description = "Remove all queued tasks from the queue.")
  boolean queued;

  @Option(names = "--success", description = "Remove all successful tasks from the queue.")
  boolean success;

  @Option(names = "--failed", description = "Remove all failed tasks from the queue.")
  boolean failed;

  @Parameters(arity = "0..*", paramLabel = "<task>", description = "Tasks to remove: names or task ids (a prefix).")
  List<String> tasks = new ArrayList<>();

  @Override
  int doCall() throws Exception {
    boolean flags = all || queued || success || failed;
    if (flags == !tasks.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "Either provide tasks, or use the --all, --queued, --failed, --success flags");
    }
    try (Cairn c = Cairn.open(workDir(), env())) {
      QueueRemoveCommand cmd = c.queueRemove();
      tasks.forEach(cmd::addTask);
      if (all || queued) {
        cmd.addState(TaskState.QUEUED);
      }
      if (all || failed) {
        cmd.addState(TaskState.FAILED);
      }
      if (all || success) {
        cmd.addState(TaskState.SUCCESS);
      }
      List<String> removed = cmd.call();
      out().println(removed.isEmpty() ? "No tasks found to remove." : "Removed tasks in queue: "
          + String.join(", ", removed));
      out().flush();
    }
    return 0;
  }
}
