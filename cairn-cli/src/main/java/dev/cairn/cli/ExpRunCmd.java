package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.ExpRunCommand;
import dev.cairn.exp.ExpFailedException;
import dev.cairn.exp.ExpRunResult;
import dev.cairn.format.PyJson;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {
    "Run the pipeline as an experiment: apply -S overrides, reproduce, and save the result as a Git commit under refs/exps/ whose parent is HEAD. HEAD and branches do not move; the workspace keeps the results.",
    "--queue only queues the experiment; --run-all runs the queue, each entry in its own temp workspace."})
final class ExpRunCmd extends BaseCommand {
  @Parameters(arity = "0..*", paramLabel = "<target>", description = "Stages to reproduce (default: all).")
  List<String> targets = new ArrayList<>();

  @Option(names = {"-S", "--set-param"}, paramLabel = "[<file>:]<override>",
      description = {
          "Change a param before running (repeatable): key=v modifies, +key=v adds, ++key=v sets either way, ~key deletes; <file>: selects the params file (default params.yaml). Values are YAML:",
          "train.C=10, layers=[8,16], opt={lr: 0.1}."})
  List<String> setParams = new ArrayList<>();

  @Option(names = {"-n", "--name"}, paramLabel = "<name>", description = "The experiment's name (default: a random adjective-noun).")
  String name;

  @Option(names = {"-f", "--force"}, description = "Run every stage even if unchanged, and replace an experiment of the same name.")
  boolean force;

  @Option(names = "--queue", description = "Only queue the experiment (refs/exps/celery/stash); the workspace is untouched.")
  boolean queue;

  @Option(names = "--run-all", description = "Run every queued experiment, each in a temp workspace under .dvc/tmp/exps.")
  boolean runAll;

  @Option(names = {"-j", "--jobs"}, paramLabel = "<n>", defaultValue = "1",
      description = "With --run-all: run up to <n> queued experiments at once (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--temp", description = "Run in a temp workspace and leave this workspace untouched.")
  boolean temp;

  @Option(names = {"-e", "--executor"}, paramLabel = "<name>", defaultValue = "local",
      description = "With --run-all: where the queued experiments run, local (temp workspaces here) or slurm (one Slurm job each, waited for; settings: executors.slurm in cairn.yaml). Default: ${DEFAULT-VALUE}.")
  String executor;
  @Option(names = "--dry", description = "Only print the commands of the stages that would run with these overrides"
      + " (worked out in a temp workspace); nothing runs, nothing is saved, the workspace is untouched.")
  boolean dry;

  @Option(names = "--allow-missing", description = "Skip stages whose only changes are missing outputs or deleted"
      + " deps, as repro --allow-missing does.")
  boolean allowMissing;

  @Option(names = "--pull", description = "First pull the run-cache and the data the remote has, as repro --pull does"
      + " (missing objects are not an error: the stages that produce them will run).")
  boolean pull;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    if (jobs < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-j must be at least 1, got " + jobs);
    }
    try (Cairn cairn = open()) {
      if (pull && !dry && !queue) {
        try {
          cairn.pull().setRunCache(true).setProgressMonitor(monitor()).call();
        } catch (dev.cairn.errors.CairnException e) {
          err().println("WARNING: --pull: " + e.getMessage());
        }
      }
      ExpRunCommand cmd = cairn.expRun().setName(name).setForce(force).setQueue(queue).setRunAll(runAll)
          .setTemp(temp).setJobs(jobs).setExecutor(executor).setDry(dry).setAllowMissing(allowMissing)
          .setListener(new ReproCmd.Printer(json.json ? err() : out(), err(), runAll && jobs > 1, root().quiet));
      setParams.forEach(cmd::addSetParam);
      targets.forEach(cmd::addTarget);
      ExpRunResult r;
      try {
        r = cmd.call();
      } catch (ExpFailedException e) {
        report(e.result());
        for (ExpRunResult.Failed f : e.result().failed()) {
          err().println("ERROR: experiment '" + f.name() + "' failed"
              + (f.exitCode() == null ? "" : " (exit code " + f.exitCode() + ")") + ": " + f.message());
        }
        throw new ExitException(ExitCodes.FAILED, "ERROR: " + e.getMessage());
      }
      report(r);
    }
    return 0;
  }

  private void report(ExpRunResult r) {
    if (json.json) {
      out().println(PyJson.dumpsUnsorted(ExpJson.of(r)));
      out().flush();
      return;
    }
    if (root().quiet) {
      return;
    }
    for (ExpRunResult.Queued q : r.queued()) {
      out().println("Queued experiment '" + q.name() + "' for future execution.");
    }
    if (!r.experiments().isEmpty()) {
      out().println();
      out().println("Ran experiment(s): " + String.join(", ", r.experiments().stream().map(ExpRunResult.Experiment::name).toList()));
      if (r.workspace()) {
        out().println("Experiment results have been applied to your workspace.");
      }
    } else if (runAll && r.failed().isEmpty()) {
      out().println("No queued experiments to run.");
    }
    out().flush();
  }
}
