package dev.cairn.cli;

import dev.cairn.api.RemoteCommand;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options shared by push, fetch, pull and status -c: targets, remote, jobs, revisions. */
final class RemoteOptions {
  @Parameters(arity = "0..*", paramLabel = "<target>", description = "Outputs or .dvc files (default: all).")
  List<String> targets = List.of();

  @Option(names = {"-r", "--remote"}, paramLabel = "<name>", description = "Remote to use (default: each output's"
      + " remote: field, else core.remote).")
  String remote;

  @Option(names = {"-j", "--jobs"}, paramLabel = "<n>", description = "Parallel transfers (default: the remote's"
      + " jobs setting, else 4 × CPUs).")
  int jobs;

  @Option(names = {"-a", "--all-branches"}, description = "Also the outputs recorded at the tip of every branch.")
  boolean allBranches;

  @Option(names = {"-T", "--all-tags"}, description = "Also the outputs recorded in every tag.")
  boolean allTags;

  @Option(names = {"-A", "--all-commits"}, description = "Also the outputs recorded in every commit.")
  boolean allCommits;

  /** Applies the options to a command. */
  <C extends RemoteCommand<C, T>, T> C apply(BaseCommand cmd, C c) {
    if (jobs < 0) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --jobs must be at least 1, got " + jobs);
    }
    for (String t : targets) {
      c.addTarget(cmd.resolve(t));
    }
    return c.setRemote(remote).setJobs(jobs).setAllBranches(allBranches).setAllTags(allTags)
        .setAllCommits(allCommits).setGitAccess(CliGitAccess.of(cmd.env()));
  }
}
