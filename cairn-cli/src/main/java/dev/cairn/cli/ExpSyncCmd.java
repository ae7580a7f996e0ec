package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.ExpPushCommand;
import dev.cairn.errors.CairnException;
import dev.cairn.format.PyJson;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exp push} and {@code exp pull}: one shell, the Git refs then the data. */
abstract class ExpSyncCmd extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<git_remote>", description = "Git remote name, URL or path.")
  String gitRemote;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "<experiment>", description = "Experiment names or refs.")
  List<String> experiments = new ArrayList<>();

  @Option(names = {"-A", "--all-commits"}, description = "All experiments, whatever their baseline (overrides --rev"
      + " and --num).")
  boolean allCommits;

  @Option(names = "--rev", paramLabel = "<commit>", description = "The experiments derived from this baseline commit;"
      + " repeatable.")
  List<String> revs = new ArrayList<>();

  @Option(names = {"-n", "--num"}, paramLabel = "<num>", description = "With --rev: the experiments of the last <num>"
      + " first-parent commits from it (negative: all).")
  int num = 1;

  @Option(names = {"-r", "--remote"}, paramLabel = "<name>", description = "DVC remote for the data (default:"
      + " each output's remote: field, else core.remote).")
  String remote;

  @Option(names = {"-j", "--jobs"}, paramLabel = "<n>", description = "Parallel transfers.")
  int jobs;

  @Option(names = "--no-cache", description = "Move the Git refs only, not the data.")
  boolean noCache;

  @Option(names = "--run-cache", description = "Also transfer the run-cache.")
  boolean runCache;

  @Option(names = {"-f", "--force"}, description = "Overwrite experiments of the same name that differ.")
  boolean force;

  @Option(names = "--json", description = "Print the refs and the data transfer as JSON.")
  boolean json;

  abstract ExpPushCommand.Result sync(Cairn c) throws CairnException;

  abstract String verb();

  @Override
  int doCall() throws Exception {
    if (jobs < 0) {
      throw new ExitException(ExitCodes.USAGE, "cairn: --jobs must be at least 1, got " + jobs);
    }
    try (Cairn c = open()) {
      ExpPushCommand.Result r = sync(c);
      if (json) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("refs", r.refs());
        m.put("data", r.data() == null ? null : TransferOutput.json(r.data()));
        out().println(PyJson.dumpsUnsorted(m));
      } else if (!root().quiet) {
        out().println(r.refs().size() + (r.refs().size() == 1 ? " experiment " : " experiments ") + verb()
            + " " + (verb().equals("pushed") ? "to" : "from") + " '" + gitRemote + "'.");
        if (r.data() != null) {
          int n = TransferOutput.copied(r.data());
          out().println(n == 0 ? "Data: everything is up to date." : "Data: " + TransferOutput.files(n) + " " + verb());
        }
      }
    }
    return 0;
  }

  @Command(name = "push", description = "Push experiments to a Git remote, and their data to the DVC remote. Name them,"
      + " or choose them by baseline with --rev (and -n), or all with -A.")
  static final class Push extends ExpSyncCmd {
    @Override
    ExpPushCommand.Result sync(Cairn c) throws CairnException {
      var cmd = c.expPush().setGitRemote(gitRemote).setNoCache(noCache).setForce(force).setRemote(remote)
          .setJobs(jobs).setRunCache(runCache).setAllExperiments(allCommits).setNum(num);
      experiments.forEach(cmd::addExperiment);
      revs.forEach(cmd::addRevision);
      return cmd.setProgressMonitor(monitor()).call();
    }

    @Override
    String verb() {
      return "pushed";
    }
  }

  @Command(name = "pull", description = "Fetch experiments from a Git remote, and their data from the DVC remote. Name"
      + " them, or choose them by baseline with --rev (and -n), or all with -A.")
  static final class Pull extends ExpSyncCmd {
    @Override
    ExpPushCommand.Result sync(Cairn c) throws CairnException {
      var cmd = c.expPull().setGitRemote(gitRemote).setNoCache(noCache).setForce(force).setRemote(remote)
          .setJobs(jobs).setRunCache(runCache).setAllExperiments(allCommits).setNum(num);
      experiments.forEach(cmd::addExperiment);
      revs.forEach(cmd::addRevision);
      return cmd.setProgressMonitor(monitor()).call();
    }

    @Override
    String verb() {
      return "pulled";
    }
  }
}
