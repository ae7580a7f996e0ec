package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.exp.ExpFailedException;
import dev.cairn.exp.ExpRunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "exec", description = {"Run one queued experiment in this clone and send the result back: what a Slurm job or a CI matrix job runs. Fetches the entry's inputs from the DVC remote, runs it in a temp workspace, commits the experiment, pushes its outputs to the DVC remote and its ref to the Git remote. The clone must have the entry's commit (git fetch <remote> refs/exps/celery/queue/<rev>)."})
final class QueueExecCmd extends BaseCommand {
  @Parameters(paramLabel = "<rev>", description = "The queue entry's commit.")
  String rev;

  @Option(names = {"-n", "--name"}, paramLabel = "<name>", description = "The experiment's name (default: the entry's).")
  String name;

  @Option(names = "--git-remote", paramLabel = "<remote>",
      description = "Push the experiment ref to this Git remote (a name, URL or path); without it the ref stays here.")
  String gitRemote;

  @Option(names = {"-r", "--remote"}, paramLabel = "<name>", description = "The DVC remote (default: core.remote).")
  String remote;

  @Override
  int doCall() throws Exception {
    try (Cairn c = Cairn.open(workDir(), env())) {
      ExpRunResult.Experiment x;
      try {
        x = c.queueExec().setRev(rev).setName(name).setGitRemote(gitRemote).setRemote(remote)
            .setListener(new ReproCmd.Printer(out(), err(), false, root().quiet))
            .setNotes(this::info).call();
      } catch (ExpFailedException e) {
        throw new ExitException(ExitCodes.FAILED, "ERROR: " + e.getMessage());
      }
      out().println("Ran experiment '" + x.name() + "': " + x.ref());
      out().flush();
    }
    return 0;
  }
}
