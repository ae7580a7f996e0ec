package dev.cairn.cli;

import dev.cairn.api.Cairn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "worker", hidden = true, description = {"Run as a local queue worker until the queue is empty or 'cairn queue stop' (started by 'cairn queue start')."})
final class QueueWorkerCmd extends BaseCommand {
  @Option(names = {"-j", "--jobs"}, paramLabel = "<n>", defaultValue = "1", description = "Experiments run at once.")
  int jobs;

  @Override
  int doCall() throws Exception {
    try (Cairn c = Cairn.open(workDir(), env())) {
      c.queueWork().setJobs(Math.max(1, jobs)).setListener(new ReproCmd.Printer(out(), err(), jobs > 1, true)).call();
    }
    return 0;
  }
}
