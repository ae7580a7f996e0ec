package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.QueueStartCommand;
import dev.cairn.queue.Task;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "start", description = {"Start running the queued experiments without waiting for them. The local executor (default) starts background workers in this machine, each running one experiment at a time in a temp workspace until the queue is empty. '--executor slurm' submits each queued experiment as a Slurm job (settings: executors.slurm in cairn.yaml); follow them with 'cairn queue status'."})
final class QueueStartCmd extends BaseCommand {
  @Option(names = {"-j", "--jobs"}, paramLabel = "<number>", defaultValue = "1",
      description = "Local executor: the number of workers to have running (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = {"-e", "--executor"}, paramLabel = "<name>", defaultValue = "local",
      description = "Where the experiments run: local or slurm (default: ${DEFAULT-VALUE}).")
  String executor;

  @Override
  int doCall() throws Exception {
    if (jobs < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-j must be at least 1, got " + jobs);
    }
    try (Cairn c = Cairn.open(workDir(), env())) {
      QueueStartCommand.Result r = c.queueStart().setExecutor(executor).setJobs(jobs)
          .setWorkerCommand(workerCommand(c.repo().root().toString(), 1)).call();
      if (executor.equals("local")) {
        int n = r.workersStarted();
        out().println(n == 0 ? "The queue's " + jobs + " worker" + (jobs > 1 ? "s" : "") + " already run."
            : "Started '" + n + "' new experiments task queue worker" + (n > 1 ? "s" : "") + ".");
      } else if (r.submitted().isEmpty()) {
        out().println("No queued experiments to submit.");
      } else {
        for (Task t : r.submitted()) {
          out().println("Submitted experiment '" + t.name() + "' (task " + t.shortRev() + ") as " + t.executor()
              + " job " + t.jobId() + ".");
        }
      }
      out().flush();
    }
    return 0;
  }

  /** How this process starts itself again as a queue worker: the same Java, class path and main class. */
  static List<String> workerCommand(String root, int jobs) {
    List<String> argv = new ArrayList<>();
    argv.add(ProcessHandle.current().info().command().orElse(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    argv.add("-cp");
    argv.add(System.getProperty("java.class.path"));
    argv.add(Main.class.getName());
    argv.addAll(List.of("-C", root, "queue", "worker", "-j", String.valueOf(jobs)));
    return argv;
  }
}
