package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.ci.CommentRequest;
import dev.cairn.ci.Comments;
import dev.cairn.ci.MatrixJobs;
import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpFailedException;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpRunResult;
import dev.cairn.report.CairnYaml;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "matrix", description = {"The jobs of the experiments workflow that 'cairn ci init --github --matrix' writes. --plan prints the matrix as JSON: the queued experiments pushed to the Git remote for the baseline, then the ci.matrix grid of cairn.yaml. --run <task> runs one of them in this clone and pushes it (outputs to the DVC remote, the ref to the Git remote). --report fetches the baseline's experiments and posts the comparison (the experiments table and their plots) on the pull request."})
final class CiMatrixCmd extends BaseCommand {
  static final class Mode {
    @Option(names = "--plan", required = true, description = "Print the matrix (JSON, for fromJSON) and exit.")
    boolean plan;

    @Option(names = "--run", required = true, paramLabel = "<task>", description = "Run this task of the matrix and push its experiment.")
    String run;

    @Option(names = "--report", required = true, description = "Post the comparison of the baseline's experiments.")
    boolean report;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  @Option(names = "--baseline", paramLabel = "<commit>", description = "The baseline commit (default: HEAD).")
  String baseline;

  @Option(names = "--git-remote", paramLabel = "<remote>", defaultValue = "origin",
      description = "The Git remote the experiments are pushed to (default: ${DEFAULT-VALUE}).")
  String gitRemote;

  @Option(names = "--md-out", paramLabel = "<file>", defaultValue = "report/experiments.md",
      description = "--report: where the Markdown goes (default: ${DEFAULT-VALUE}); its plots go beside it.")
  String mdOut;

  @Option(names = "--no-comment", description = "--report: write the Markdown only, post nothing.")
  boolean noComment;

  @Override
  int doCall() throws Exception {
    try (Cairn c = Cairn.open(workDir(), env())) {
      CairnYaml config = CairnYaml.load(c.repo().root());
      String base = baseline(c);
      if (mode.plan) {
        out().println(MatrixJobs.json(MatrixJobs.plan(c, config, gitRemote, base)));
      } else if (mode.run != null) {
        ExpRunResult.Experiment x;
        try {
          x = MatrixJobs.run(c, config, mode.run, gitRemote, new ReproCmd.Printer(out(), err(), false, root().quiet),
              this::info);
        } catch (ExpFailedException e) {
          throw new ExitException(ExitCodes.FAILED, "ERROR: " + e.getMessage());
        }
        out().println("Ran experiment '" + x.name() + "' and pushed " + x.ref());
      } else {
        Path md = resolve(mdOut);
        MatrixJobs.report(c, gitRemote, base, md, this::info);
        out().println(mdOut);
        if (!noComment) {
          CommentRequest req = new CommentRequest("auto", null, "experiments", true, null, null, null, null, null);
          Comments.post(md, req, true, env(), this::info);
        }
      }
      out().flush();
    }
    return 0;
  }

  private String baseline(Cairn c) throws Exception {
    try (Repository git = ExpGit.open(c.repo().root())) {
      var id = git.resolve((baseline == null ? "HEAD" : baseline) + "^{commit}");
      if (id == null) {
        throw CairnException.invalidInput("Unknown baseline '" + (baseline == null ? "HEAD" : baseline)
            + "'; fetch it first (actions/checkout with fetch-depth: 0)");
      }
      return id.name();
    }
  }
}
