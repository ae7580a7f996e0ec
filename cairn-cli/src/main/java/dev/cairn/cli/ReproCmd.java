package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.ReproCommand;
import dev.cairn.pipeline.Dag;
import dev.cairn.repro.ReproListener;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "repro", description = {
    "Run the pipeline stages whose command, deps, params or outputs changed, and record them in dvc.lock.",
    "Outputs are restored from the run-cache when the same inputs ran before.",
    "With -j N > 1, every line a stage prints (its log lines and its commands' output) is prefixed with '[<stage>] ' and streamed as it comes; dvc.lock ends up byte-identical to a serial run."})
final class ReproCmd extends BaseCommand {
  @Parameters(arity = "0..*", paramLabel = "<target>",
      description = "Stages to reproduce: name, dvc.yaml:name, dir/dvc.yaml:name or dir/dvc.yaml (default: all stages of ./dvc.yaml).")
  List<String> targets = List.of();

  @Option(names = {"-f", "--force"}, description = "Run every planned stage even if nothing changed (no run-cache).")
  boolean force;

  @Option(names = "--force-downstream", description = "Run every stage downstream of a stage that ran.")
  boolean forceDownstream;

  @Option(names = {"-s", "--single-item"}, description = "Only the targets, not their upstream stages.")
  boolean single;

  @Option(names = "--downstream", description = "The targets and every stage that depends on them.")
  boolean downstream;

  @Option(names = {"-p", "--pipeline"}, description = "The whole pipelines the targets belong to.")
  boolean pipeline;

  @Option(names = {"-P", "--all-pipelines"}, description = "Every stage of every dvc.yaml in the repository.")
  boolean allPipelines;

  @Option(names = "--dry", description = "Only print the commands of the stages that would run.")
  boolean dry;

  @Option(names = {"-k", "--keep-going"}, description = "After a failure, keep running stages that do not depend on it.")
  boolean keepGoing;

  @Option(names = "--no-commit", description = "Do not store outputs in the cache (and write no run-cache entries).")
  boolean noCommit;

  @Option(names = "--no-run-cache", description = "Do not restore outputs from the run-cache.")
  boolean noRunCache;

  @Option(names = "--allow-missing", description = {"Skip stages whose only changes are missing outputs or deleted deps (checks that the pipeline is up to date without its data, e.g. in CI)."})
  boolean allowMissing;

  @Option(names = {"-j", "--jobs"}, paramLabel = "<n>", defaultValue = "1",
      description = "Run up to <n> independent stages at the same time (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--pull", description = {"First pull the run-cache and the data the remote has (missing objects are not an error: the stages that produce them will run)."})
  boolean pull;

  @Option(names = "--explain", description = "Run nothing: for each planned stage, say whether it would run, be restored from the run-cache or be skipped, and why (every changed dep, param, output or command, recorded -> current hash or value).")
  boolean explain;

  @Option(names = "--json", description = "With --explain: print the explanation as JSON.")
  boolean json;

  @Override
  int doCall() throws Exception {
    if (jobs < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-j must be at least 1, got " + jobs);
    }
    if (json && !explain) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--json needs --explain");
    }
    Dag.Scope scope = allPipelines ? Dag.Scope.ALL : single ? Dag.Scope.SINGLE : downstream ? Dag.Scope.DOWNSTREAM
        : pipeline ? Dag.Scope.PIPELINE : Dag.Scope.UPSTREAM;
    if (explain) {
      try (Cairn cairn = open()) {
        return ExplainPrinter.print(this, cairn, targets, scope, noRunCache, json);
      }
    }
    try (Cairn cairn = open()) {
      if (pull && !dry) {
        try {
          cairn.pull().setRunCache(true).setProgressMonitor(monitor()).call();
        } catch (dev.cairn.errors.CairnException e) {
          err().println("WARNING: --pull: " + e.getMessage());
        }
      }
      ReproCommand cmd = cairn.repro().setScope(scope).setForce(force).setForceDownstream(forceDownstream).setDry(dry).setKeepGoing(keepGoing)
          .setNoCommit(noCommit).setNoRunCache(noRunCache).setAllowMissing(allowMissing).setJobs(jobs).setWorkingDirectory(workDir())
          .setListener(new Printer(out(), err(), jobs > 1, root().quiet));
      targets.forEach(cmd::addTarget);
      cmd.call();
    }
    return 0;
  }

  /** Prints log lines to stdout (unless quiet) and command output to stdout/stderr, labelled when parallel. */
  static final class Printer implements ReproListener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean label;
    private final boolean quiet;

    Printer(PrintWriter out, PrintWriter err, boolean label, boolean quiet) {
      this.out = out;
      this.err = err;
      this.label = label;
      this.quiet = quiet;
    }

    @Override
    public void message(String stage, String text) {
      if (!quiet) {
        line(out, stage, text);
      }
    }

    @Override
    public void output(String stage, boolean stderr, String line) {
      line(stderr ? err : out, stage, line);
    }

    private synchronized void line(PrintWriter w, String stage, String text) {
      w.println(label && stage != null ? "[" + stage + "] " + text : text);
      w.flush();
    }
  }
}
