package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.QueueKillCommand;
import dev.cairn.queue.Task;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "kill", description = {"Interrupt running experiment tasks (as Ctrl-C would); Slurm jobs are cancelled with scancel. They end in the failed queue with the reason, and 'cairn queue retry' puts them back."})
final class QueueKillCmd extends BaseCommand {
  @Option(names = {"-f", "--force"}, description = "Kill at once (SIGKILL) instead of asking the tasks to stop.")
  boolean force;

  @Parameters(arity = "1..*", paramLabel = "<task>", description = "Tasks to kill: names or task ids (a prefix).")
  List<String> tasks = new ArrayList<>();

  @Override
  int doCall() throws Exception {
    try (Cairn c = Cairn.open(workDir(), env())) {
      QueueKillCommand cmd = c.queueKill().setForce(force);
      tasks.forEach(cmd::addTask);
      for (Task t : cmd.call()) {
        out().println(t.label() + " has been killed.");
      }
      out().flush();
    }
    return 0;
  }
}
