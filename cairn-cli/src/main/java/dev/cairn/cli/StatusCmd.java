package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.RemoteStatusCommand;
import dev.cairn.api.StatusCommand;
import dev.cairn.format.PyJson;
import dev.cairn.pipeline.Dag;
import dev.cairn.repro.StatusResult;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = {
    "Show tracked outputs and pipeline stages whose workspace content, params or command differ from what .dvc files and dvc.lock record. Unchanged files are recognised by their stat and never read.",
    "With -c/--cloud (or -r), compare the cache with the remote instead."})
final class StatusCmd extends BaseCommand {
  @Parameters(arity = "0..*", paramLabel = "<target>", description = "Limit to these outputs, .dvc files, stages or dvc.yaml files.")
  List<String> targets = List.of();

  @Mixin
  JsonOption json;

  @Option(names = {"-c", "--cloud"}, description = "Compare the cache with the remote instead: new (cache only),"
      + " deleted (remote only), missing (neither).")
  boolean cloud;

  @Option(names = {"-r", "--remote"}, paramLabel = "<name>", description = "Remote to compare with (implies -c).")
  String remote;

  @Option(names = {"-j", "--jobs"}, paramLabel = "<n>", description = "Parallel requests to the remote (with -c).")
  int jobs;

  @Option(names = "--with-deps", description = "Also the stages the given stages depend on, directly or not, and the"
      + " .dvc files whose outputs they read.")
  boolean withDeps;

  @Option(names = {"-a", "--all-branches"}, description = "With -c: also the outputs of every branch tip.")
  boolean allBranches;

  @Option(names = {"-T", "--all-tags"}, description = "With -c: also the outputs of every tag.")
  boolean allTags;

  @Option(names = {"-A", "--all-commits"}, description = "With -c: also the outputs of every commit.")
  boolean allCommits;

  @Option(names = "--explain", description = "For each pipeline stage, say whether repro would run it, restore it from the run-cache or skip it, and why: every changed dep, param, output or command, recorded -> current hash or value. Targets are stages, as for repro.")
  boolean explain;
  @Option(names = "--no-updates", description = "Do not ask the sources of imports whether they moved on (no network).")
  boolean noUpdates;

  @Override
  int doCall() throws Exception {
    if (cloud || remote != null) {
      return cloudStatus();
    }
    if (explain) {
      try (Cairn cairn = open()) {
        return ExplainPrinter.print(this, cairn, targets, targets.isEmpty() ? Dag.Scope.ALL : Dag.Scope.UPSTREAM,
            false, json.json);
      }
    }
    try (Cairn cairn = open()) {
      StatusCommand cmd = cairn.status().setWorkingDirectory(workDir()).setWithDeps(withDeps)
          .setCheckUpdates(!noUpdates).setGitAccess(CliGitAccess.of(env()));
      for (String t : targets) {
        cmd.addTarget(resolve(t));
      }
      StatusResult r = cmd.setProgressMonitor(monitor()).call();
      if (json.json) {
        out().println(PyJson.dumpsUnsorted(r.changes()));
      } else {
        print(r.changes());
      }
      if (root().verbose) {
        err().println("status: " + r.hashedBytes() + " bytes hashed, " + r.stateHits() + " state-cache hits");
      }
    }
    return 0;
  }

  private int cloudStatus() throws Exception {
    if (jobs < 0) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --jobs must be at least 1, got " + jobs);
    }
    try (Cairn cairn = open()) {
      RemoteStatusCommand cmd = cairn.remoteStatus().setRemote(remote).setJobs(jobs).setAllBranches(allBranches)
          .setAllTags(allTags).setAllCommits(allCommits);
      for (String t : targets) {
        cmd.addTarget(resolve(t));
      }
      RemoteStatusCommand.RemoteStatus r = cmd.setProgressMonitor(monitor()).call();
      if (json.json) {
        out().println(PyJson.dumpsUnsorted(r.changes()));
      } else if (r.isInSync()) {
        out().println("Cache and remote" + (r.remotes().size() == 1 ? " '" + r.remotes().get(0) + "' are"
            : "s " + String.join(", ", r.remotes().stream().map(n -> "'" + n + "'").toList()) + " are") + " in sync.");
      } else {
        r.changes().forEach((path, st) -> out().println("\t" + pad(st + ":") + path));
      }
    }
    return 0;
  }

  private void print(Map<String, List<Object>> changes) {
    if (changes.isEmpty()) {
      out().println("Data and pipelines are up to date.");
      return;
    }
    show(changes, 0);
  }

  /** DVC's {@code CmdDataStatus._show}: one tab per level, {@code <status>:} padded to 20 columns. */
  private void show(Object status, int indent) {
    String ind = "\t".repeat(indent);
    if (status instanceof String s) {
      out().println(ind + s);
    } else if (status instanceof List<?> l) {
      for (Object o : l) {
        show(o, indent);
      }
    } else if (status instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getValue() instanceof String v) {
          out().println(ind + pad(v + ":") + e.getKey());
        } else if (!(e.getValue() instanceof Map<?, ?> vm && vm.isEmpty())
            && !(e.getValue() instanceof List<?> vl && vl.isEmpty())) {
          out().println(ind + e.getKey() + ":");
          show(e.getValue(), indent + 1);
        }
      }
    }
  }

  private static String pad(String s) {
    return s.length() >= 20 ? s + " " : s + " ".repeat(20 - s.length());
  }
}
